package com.accesspath.newsletter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * article-service's taxonomy and list and ranking-service's hot list, as local stubs:
 * what digests read. The taxonomy has a made-up group besides real keys, so tests can
 * tell that the tree, not a list in the code, decides.
 */
public final class SiteStub extends JsonStubServer {

	/** Every query string {@code /api/articles} was asked with, in order. */
	public final List<String> articleQueries = new CopyOnWriteArrayList<>();

	/** While set, {@code /api/articles} answers 500. */
	public final AtomicBoolean articlesFailing = new AtomicBoolean();

	/** While set, {@code /api/rankings/hot} answers only after this many milliseconds. */
	public final AtomicLong hotDelayMillis = new AtomicLong();

	public SiteStub() throws IOException {
		this.server.createContext("/api/categories", exchange -> respond(exchange,
				"""
						[{"key":"news","name":"AI 资讯","children":[{"key":"flash","name":"快讯","children":[]}]},
						{"key":"cases","name":"落地案例","children":[]},
						{"key":"made-up-group","name":"虚构分组","children":[{"key":"made-up-leaf","name":"虚构分类","children":[]}]}]"""));
		this.server.createContext("/api/articles", exchange -> {
			this.articleQueries.add(String.valueOf(exchange.getRequestURI().getQuery()));
			if (this.articlesFailing.get()) {
				respond(exchange, 500, "{\"status\":500}");
				return;
			}
			respond(exchange,
					"""
							{"items":[{"id":"a1","slug":"openai-nato","title":"OpenAI 与北约商谈","summary":"国防业务扩张"},
							{"id":"a2","slug":"anthropic-350b","title":"Anthropic 估值升至 3500 亿美元","summary":"员工股份出售"}],"nextCursor":null}""");
		});
		this.server.createContext("/api/rankings/hot", exchange -> {
			sleep(this.hotDelayMillis.get());
			respond(exchange,
					"""
							{"window":"24h","items":[{"rank":1,"article":{"id":"a3","slug":"uae-ark","title":"阿联酋基因方舟"},"views":40,"totalViews":40}]}""");
		});
		// Slow answers must not hold up the others.
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
