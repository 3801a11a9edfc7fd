package com.accesspath.article.category;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.article.ArticleIntegrationTest;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The taxonomy as the contract gives it: the one source every other service and the web
 * read.
 */
@ArticleIntegrationTest
class CategoryApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void taxonomyHasTheContractsGroupsAndLeaves() throws Exception {
		this.mvc.perform(get("/api/categories"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].key").value("news"))
			.andExpect(jsonPath("$[0].name").value("AI 资讯"))
			.andExpect(jsonPath("$[0].children[*].key")
				.value(contains("flash", "product", "tech", "business", "policy", "startup")))
			.andExpect(jsonPath("$[1].key").value("resources"))
			.andExpect(jsonPath("$[1].children[*].key").value(contains("research", "reports", "cases")))
			.andExpect(jsonPath("$[1].children[2].children[0].key").value("finance"))
			.andExpect(jsonPath("$[1].children[2].children[0].name").value("金融行业"));
	}

}
