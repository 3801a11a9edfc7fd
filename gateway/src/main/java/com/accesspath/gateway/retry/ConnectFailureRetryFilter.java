package com.accesspath.gateway.retry;

import java.net.ConnectException;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Retries a proxied GET or HEAD once when the connection to the service could not be
 * made, i.e. nothing was sent (a replica that just went away, a stale address). Never on
 * an answer, 503 included: a service that says it is overloaded is not asked twice.
 * Retries come out of the service's {@link RetryBudget} ({@link RetryBudgets}), so they
 * stay a small share of its traffic however many connections fail.
 * <p>
 * Ordered right before the routing filter, inside the route's circuit breaker: the
 * breaker sees one call, retried or not, and its fallback still answers when the retry
 * fails too.
 */
@Component
public class ConnectFailureRetryFilter implements GlobalFilter, Ordered {

	private final RetryBudgets budgets;

	ConnectFailureRetryFilter(RetryBudgets budgets) {
		this.budgets = budgets;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		HttpMethod method = exchange.getRequest().getMethod();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || (method != HttpMethod.GET && method != HttpMethod.HEAD)) {
			return chain.filter(exchange);
		}
		// The budget is the service's (its address), shared with the direct proxy's calls
		// to it.
		String service = serviceOf(route);
		this.budgets.of(service).deposit();
		return Mono.defer(() -> chain.filter(exchange))
			.retryWhen(this.budgets.connectFailureRetry(service, route.getId(),
					() -> !exchange.getResponse().isCommitted(),
					// The routing filter marks the exchange as routed; the retry routes
					// it again.
					() -> ServerWebExchangeUtils.removeAlreadyRouted(exchange)));
	}

	private String serviceOf(Route route) {
		return this.budgets.serviceAt(route.getUri());
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
