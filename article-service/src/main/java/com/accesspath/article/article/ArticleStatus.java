package com.accesspath.article.article;

public enum ArticleStatus {

	DRAFT, SCHEDULED, PUBLISHED, ARCHIVED

}
