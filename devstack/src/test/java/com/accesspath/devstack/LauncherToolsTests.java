package com.accesspath.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherToolsTests {

	@Test
	void readsTheHotListOfTheSeedFile() {
		String json = "{\"articles\": [{\"slug\": \"x\"}], \"hotList\": [\"first\", \"second\"], \"suggestedTags\": [\"a\"]}";
		assertThat(LauncherTools.stringArray(json, "hotList")).containsExactly("first", "second");
		assertThat(LauncherTools.stringArray(json, "missing")).isEmpty();
	}

}
