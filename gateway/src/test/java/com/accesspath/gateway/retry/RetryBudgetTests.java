package com.accesspath.gateway.retry;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryBudgetTests {

	@Test
	void retriesStayWithinTheRatioPlusTheReserve() {
		RetryBudget budget = new RetryBudget(0.1, 10);
		int retries = 0;
		for (int i = 0; i < 1000; i++) {
			budget.deposit();
			// Every request fails and asks for a retry.
			if (budget.tryWithdraw()) {
				retries++;
			}
		}
		assertThat(retries).isBetween(100, 110);
	}

	@Test
	void aQuietGatewayCanRetryFromItsReserve() {
		RetryBudget budget = new RetryBudget(0.1, 2);
		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isFalse();
		for (int i = 0; i < 10; i++) {
			budget.deposit();
		}
		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isFalse();
	}

	@Test
	void theBalanceNeverExceedsTheReserve() {
		RetryBudget budget = new RetryBudget(0.5, 3);
		for (int i = 0; i < 1000; i++) {
			budget.deposit();
		}
		int retries = 0;
		while (budget.tryWithdraw()) {
			retries++;
		}
		assertThat(retries).isEqualTo(3);
	}

	@Test
	void concurrentWithdrawalsNeverOverdraw() throws Exception {
		RetryBudget budget = new RetryBudget(0.0, 50);
		AtomicInteger granted = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 1000; i++) {
			threads.execute(() -> {
				if (budget.tryWithdraw()) {
					granted.incrementAndGet();
				}
			});
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(granted.get()).isEqualTo(50);
	}

	@Test
	void nonsenseSettingsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(1.5, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(0.1, -1));
	}

}
