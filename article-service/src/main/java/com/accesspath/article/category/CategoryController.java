package com.accesspath.article.category;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "分类与标签", description = "固定的栏目分类树(AI 资讯、资源中心及其子栏目);公开接口,无需登录。")
class CategoryController {

	@Operation(operationId = "listCategories", summary = "获取栏目分类树",
			description = "返回固定的分类树 [{key, name, children}]:分组下是叶子分类,每篇文章恰属一个叶子分类;按分组 key 筛选文章时匹配其下所有叶子。"
					+ "响应可公开缓存 1 小时。")
	@GetMapping("/api/categories")
	ResponseEntity<List<Taxonomy.Category>> categories() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(Taxonomy.TREE);
	}

}
