package com.accesspath.gateway.retry;

import java.net.ConnectException;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.accesspath.gateway.config.GatewayProperties;

/**
 * Retries a proxied GET or HEAD once when the connection to the service could not be made, i.e. nothing was sent
 * (a replica that just went away, a stale address). Never on an answer, 503 included: a service that says it is
 * overloaded is not asked twice. Retries come out of a {@link RetryBudget} per route, so they stay a small share of
 * that route's traffic however many connections fail.
 * <p>
 * Ordered right before the routing filter, inside the route's circuit breaker: the breaker sees one call, retried or
 * not, and its fallback still answers when the retry fails too.
 */
@Component
public class ConnectFailureRetryFilter implements GlobalFilter, Ordered {

	private final ConcurrentHashMap<String, RetryBudget> budgets = new ConcurrentHashMap<>();

	private final GatewayProperties.RetryBudgetSettings settings;

	private final MeterRegistry meters;

	ConnectFailureRetryFilter(GatewayProperties properties, MeterRegistry meters) {
		this.settings = properties.retry();
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		HttpMethod method = exchange.getRequest().getMethod();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || (method != HttpMethod.GET && method != HttpMethod.HEAD)) {
			return chain.filter(exchange);
		}
		RetryBudget budget = this.budgets.computeIfAbsent(route.getId(),
				id -> new RetryBudget(this.settings.ratio(), this.settings.reserve()));
		budget.deposit();
		return Mono.defer(() -> chain.filter(exchange))
			.retryWhen(Retry.max(1)
				.filter(error -> isConnectFailure(error) && !exchange.getResponse().isCommitted() && budget.tryWithdraw())
				.doBeforeRetry(signal -> {
					retries(route.getId()).increment();
					// The routing filter marks the exchange as routed; the retry routes it again.
					ServerWebExchangeUtils.removeAlreadyRouted(exchange);
				})
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	private Counter retries(String route) {
		return Counter.builder("gateway.retries").tag("route", route).register(this.meters);
	}

	/** Whether the call failed because no connection could be made: nothing was sent. */
	public static boolean isConnectFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
