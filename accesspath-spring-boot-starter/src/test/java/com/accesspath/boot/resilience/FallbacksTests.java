package com.accesspath.boot.resilience;

import java.io.IOException;
import java.net.ConnectException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class FallbacksTests {

	private final Fallbacks fallbacks = new Fallbacks();

	private final Logger logger = (Logger) LoggerFactory.getLogger(Fallbacks.class);

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	@BeforeEach
	void capture() {
		this.events.start();
		this.logger.addAppender(this.events);
		this.logger.setLevel(Level.INFO);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.events);
	}

	@Test
	void anOutageIsOneWarningNamingTheRootCauseAndWhatTheCallerDoesInstead() {
		IOException cause = new IOException("wrapped", new ConnectException("Connection refused"));
		for (int i = 0; i < 50; i++) {
			this.fallbacks.degraded("article-service", "digest without new articles", cause);
		}
		assertThat(this.events.list).hasSize(1);
		ILoggingEvent warning = this.events.list.get(0);
		assertThat(warning.getLevel()).isEqualTo(Level.WARN);
		assertThat(warning.getFormattedMessage()).contains("article-service")
			.contains("ConnectException: Connection refused")
			.contains("digest without new articles");
		assertThat(this.fallbacks.isDegraded("article-service")).isTrue();
	}

	@Test
	void aRecoveryIsSaidOnceAndTheNextOutageIsWarnedAgain() {
		this.fallbacks.recovered("ranking-service");
		assertThat(this.events.list).as("nothing to recover from").isEmpty();
		this.fallbacks.degraded("ranking-service", "no hot list", new IllegalStateException());
		this.fallbacks.recovered("ranking-service");
		this.fallbacks.recovered("ranking-service");
		this.fallbacks.degraded("ranking-service", "no hot list", new IllegalStateException("again"));
		assertThat(this.events.list).extracting(ILoggingEvent::getLevel)
			.containsExactly(Level.WARN, Level.INFO, Level.WARN);
		assertThat(this.fallbacks.isDegraded("ranking-service")).isTrue();
	}

	@Test
	void differentFallbacksOfOneServiceAreEachSaidOnce() {
		this.fallbacks.degraded("article-service", "stale metadata", null);
		this.fallbacks.degraded("article-service", "503 for unknown ids", null);
		this.fallbacks.degraded("article-service", "stale metadata", null);
		assertThat(this.events.list).hasSize(2);
		assertThat(this.fallbacks.isDegraded("article-serv")).isFalse();
	}

}
