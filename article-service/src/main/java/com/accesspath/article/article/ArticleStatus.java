package com.accesspath.article.article;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "文章状态:DRAFT 草稿、SCHEDULED 定时发布、PUBLISHED 已发布、ARCHIVED 已归档")
public enum ArticleStatus {

	DRAFT, SCHEDULED, PUBLISHED, ARCHIVED

}
