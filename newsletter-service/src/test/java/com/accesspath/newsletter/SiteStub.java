package com.accesspath.newsletter;

import java.io.IOException;

/** article-service's list and ranking-service's hot list, as local stubs: what digests read. */
final class SiteStub extends JsonStubServer {

	SiteStub() throws IOException {
		this.server.createContext("/api/articles", exchange -> respond(exchange, """
				{"items":[{"id":"a1","slug":"openai-nato","title":"OpenAI 与北约商谈","summary":"国防业务扩张"},
				{"id":"a2","slug":"anthropic-350b","title":"Anthropic 估值升至 3500 亿美元","summary":"员工股份出售"}],"nextCursor":null}"""));
		this.server.createContext("/api/rankings/hot", exchange -> respond(exchange, """
				{"window":"24h","items":[{"rank":1,"article":{"id":"a3","slug":"uae-ark","title":"阿联酋基因方舟"},"views":40,"totalViews":40}]}"""));
		this.server.start();
	}

}
