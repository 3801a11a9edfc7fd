package com.accesspath.article.category;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The site's fixed taxonomy (API.md): groups and leaves. An article has exactly one leaf;
 * filtering by a group matches every leaf under it.
 */
public final class Taxonomy {

	@Schema(description = "栏目分类:分组或叶子分类")
	public record Category(@Schema(description = "分类 key(固定、URL 安全)", example = "manufacturing") String key,
			@Schema(description = "分类名称", example = "制造行业") String name,
			@Schema(description = "子分类;叶子分类为空数组") List<Category> children) {

		static Category leaf(String key, String name) {
			return new Category(key, name, List.of());
		}

		static Category group(String key, String name, Category... children) {
			return new Category(key, name, List.of(children));
		}

		@JsonIgnore
		public boolean isLeaf() {
			return this.children.isEmpty();
		}

	}

	public static final List<Category> TREE = List.of(
			Category.group("news", "AI 资讯", Category.leaf("flash", "快讯"), Category.leaf("product", "产品"),
					Category.leaf("tech", "技术"), Category.leaf("business", "商业"), Category.leaf("policy", "政策"),
					Category.leaf("startup", "初创")),
			Category.group("resources", "资源中心",
					Category.group("research", "深度研究", Category.leaf("frontier", "AI 前沿"),
							Category.leaf("case-study", "案例研究"), Category.leaf("knowledge", "AI 知识库")),
					Category.group("reports", "行业报告", Category.leaf("whitepaper", "白皮书"),
							Category.leaf("industry-report", "行业报告"), Category.leaf("research-report", "研究报告"),
							Category.leaf("tech-talk", "技术分享"), Category.leaf("special-report", "专题报告")),
					Category.group("cases", "精选案例", Category.leaf("finance", "金融行业"),
							Category.leaf("healthcare", "医疗行业"), Category.leaf("education", "教育行业"),
							Category.leaf("retail", "零售行业"), Category.leaf("manufacturing", "制造行业"))));

	private static final Map<String, Category> BY_KEY = new LinkedHashMap<>();

	private static final Map<String, List<String>> LEAVES_BY_KEY = new LinkedHashMap<>();

	static {
		TREE.forEach(Taxonomy::index);
	}

	private Taxonomy() {
	}

	private static List<String> index(Category category) {
		BY_KEY.put(category.key(), category);
		List<String> leaves = new ArrayList<>();
		if (category.isLeaf()) {
			leaves.add(category.key());
		}
		for (Category child : category.children()) {
			leaves.addAll(index(child));
		}
		LEAVES_BY_KEY.put(category.key(), List.copyOf(leaves));
		return leaves;
	}

	public static Optional<Category> leaf(String key) {
		return Optional.ofNullable(BY_KEY.get(key)).filter(Category::isLeaf);
	}

	/**
	 * The leaf keys a filter matches: itself for a leaf, all leaves below for a group,
	 * none when unknown.
	 */
	public static List<String> leavesOf(String key) {
		return LEAVES_BY_KEY.getOrDefault(key, List.of());
	}

}
