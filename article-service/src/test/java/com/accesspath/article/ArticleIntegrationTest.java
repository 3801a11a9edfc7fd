package com.accesspath.article;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.accesspath.devstack.test.MutableClock;
import com.accesspath.devstack.test.RealDatabases;

/**
 * The whole article-service against a real MongoDB-protocol server, driven through
 * MockMvc.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "articles-test")
@Import(MutableClock.Config.class)
public @interface ArticleIntegrationTest {

}
