package com.accesspath.site.content;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;

import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.ServiceCalls;

/**
 * Reads a page's parts at once: each part is asked on its own thread (a cached part
 * answers at once, a missing one costs one call), so a page waits for its slowest part,
 * not for their sum. Optional parts degrade on their own.
 */
@Component
public class Parallel {

	private final AsyncTaskExecutor executor;

	private final ServiceCalls calls;

	Parallel(@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor, ServiceCalls calls) {
		this.executor = executor;
		this.calls = calls;
	}

	/** A part the page cannot do without: its failure (404, 400, 503) is the page's. */
	public <T> CompletableFuture<T> part(Supplier<T> part) {
		return CompletableFuture.supplyAsync(part, this.executor);
	}

	/** A part the page leaves out ({@code fallback}) when its service fails. */
	public <T> CompletableFuture<T> optional(Supplier<T> part, Backend backend, String degradesTo, T fallback) {
		return part(() -> orElse(part, backend, degradesTo, fallback));
	}

	public <T> T orElse(Supplier<T> part, Backend backend, String degradesTo, T fallback) {
		try {
			return part.get();
		}
		catch (RuntimeException ex) {
			this.calls.degraded(backend, degradesTo, ex);
			return fallback;
		}
	}

	/** The part's value, or the exception it failed with. */
	public static <T> T join(CompletableFuture<T> part) {
		try {
			return part.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
