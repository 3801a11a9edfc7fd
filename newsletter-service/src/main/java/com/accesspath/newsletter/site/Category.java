package com.accesspath.newsletter.site;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A node of article-service's taxonomy: a group with children or a leaf.
 *
 * @param key what {@code ?category=} and subscribers' topics name
 * @param name what readers see
 * @param children the leaves of a group (empty or null for a leaf)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Category(String key, String name, List<Category> children) {

}
