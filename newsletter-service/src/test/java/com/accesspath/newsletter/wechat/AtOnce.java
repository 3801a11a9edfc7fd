package com.accesspath.newsletter.wechat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Replicas doing the same thing at the same moment, as threads released together. */
final class AtOnce {

	private AtOnce() {
	}

	static <T> List<T> run(int replicas, Callable<T> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(replicas);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> results = new ArrayList<>();
			for (int i = 0; i < replicas; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return work.call();
				}));
			}
			start.countDown();
			List<T> outcomes = new ArrayList<>();
			for (Future<T> result : results) {
				outcomes.add(result.get(30, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
