package com.accesspath.gateway.retry;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

import com.accesspath.gateway.config.GatewayProperties;

/**
 * One {@link RetryBudget} per service, shared by its routes and the direct proxy, so that
 * a failing service is sent at most the configured share of retries whichever path its
 * calls take; each retry is counted in {@code gateway.retries{route}}.
 */
@Component
public class RetryBudgets {

	private final ConcurrentHashMap<String, RetryBudget> budgets = new ConcurrentHashMap<>();

	private final GatewayProperties.RetryBudgetSettings settings;

	private final MeterRegistry meters;

	/** Service name by the authority (host:port) of its URL. */
	private final Map<String, String> services = new HashMap<>();

	RetryBudgets(GatewayProperties properties, MeterRegistry meters) {
		this.settings = properties.retry();
		this.meters = meters;
		if (properties.backends() != null) {
			properties.backends().forEach((name, backend) -> this.services.put(backend.url().getAuthority(), name));
		}
	}

	/** The budget of this service (or target, for a route without a known service). */
	public RetryBudget of(String service) {
		return this.budgets.computeIfAbsent(service,
				name -> new RetryBudget(this.settings.ratio(), this.settings.reserve()));
	}

	/**
	 * The service a route's URI points at (by its configured URL), or the URI's authority
	 * for another target.
	 */
	public String serviceAt(URI uri) {
		String authority = uri.getAuthority();
		return this.services.getOrDefault(authority, authority);
	}

	/**
	 * One retry of a call to this service after a failed connection, when
	 * {@code alsoWhen} holds and the service's budget allows it; counted against
	 * {@code route}. The budget is asked only for a retry that would happen.
	 */
	public Retry connectFailureRetry(String service, String route, BooleanSupplier alsoWhen, Runnable beforeRetry) {
		return Retry.from(failures -> failures.concatMap(failure -> {
			if (failure.totalRetries() < 1 && ConnectFailureRetryFilter.isConnectFailure(failure.failure())
					&& alsoWhen.getAsBoolean() && of(service).tryWithdraw()) {
				Counter.builder("gateway.retries").tag("route", route).register(this.meters).increment();
				beforeRetry.run();
				return Mono.just(failure.totalRetries());
			}
			return Mono.error(failure.failure());
		}));
	}

}
