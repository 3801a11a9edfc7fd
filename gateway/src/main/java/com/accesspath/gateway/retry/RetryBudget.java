package com.accesspath.gateway.retry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A retry budget (as in Finagle and gRPC's retry throttling): every request deposits
 * {@code ratio} of a retry, every retry withdraws a whole one, and the balance never
 * exceeds {@code reserve}. Over any stretch of traffic, retries are then at most
 * {@code ratio} of requests plus the reserve, so a failing service is never sent a
 * multiple of its load; a single failure on a quiet gateway can still be retried from the
 * reserve.
 */
public final class RetryBudget {

	/** Balances in thousandths of a retry: lock-free with one compare-and-set. */
	private static final long ONE = 1000;

	private final long deposit;

	private final long capacity;

	private final AtomicLong balance;

	public RetryBudget(double ratio, int reserve) {
		if (ratio < 0 || ratio > 1) {
			throw new IllegalArgumentException("A retry budget's ratio is between 0 and 1, not " + ratio);
		}
		if (reserve < 0) {
			throw new IllegalArgumentException("A retry budget's reserve is not negative, not " + reserve);
		}
		this.deposit = Math.round(ratio * ONE);
		this.capacity = reserve * ONE;
		this.balance = new AtomicLong(this.capacity);
	}

	/** A request was sent: its share of a retry is deposited. */
	public void deposit() {
		this.balance.accumulateAndGet(this.deposit, (current, amount) -> Math.min(this.capacity, current + amount));
	}

	/** Whether one retry may be made now; if so it is withdrawn. */
	public boolean tryWithdraw() {
		while (true) {
			long current = this.balance.get();
			if (current < ONE) {
				return false;
			}
			if (this.balance.compareAndSet(current, current - ONE)) {
				return true;
			}
		}
	}

}
