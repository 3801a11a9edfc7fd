package com.accesspath.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.accesspath.boot.problem.ProblemJson;

/**
 * Requests that Reactor Netty refuses before the application sees them (a request line
 * over the limit: 414, headers over the limit: 431, a malformed request: 400) are
 * answered by Netty itself with an empty body. This handler, just behind the HTTP codec,
 * gives those answers a problem+json body like every other error, and works around a
 * keep-alive stall of Reactor Netty (below).
 */
@Component
class DecodingFailureProblems implements NettyServerCustomizer {

	static final String HANDLER = "accesspathDecodingFailureProblems";

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER) == null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new Handler());
			}
		});
	}

	static final class Handler extends ChannelDuplexHandler {

		/** The path of the request Netty could not decode, when it got that far. */
		private String failedPath = "";

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
				String uri = request.uri();
				int query = uri.indexOf('?');
				String path = (query >= 0) ? uri.substring(0, query) : uri;
				this.failedPath = (path.startsWith("/") && path.length() <= 200 && !path.equals("/bad-request")) ? path
						: "";
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof FullHttpResponse response && response.status().code() >= 400
					&& !response.content().isReadable() && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
				HttpStatus status = HttpStatus.resolve(response.status().code());
				if (status != null) {
					byte[] body = ProblemJson.bytes(status, detailOf(status), this.failedPath);
					response.content().release();
					FullHttpResponse replaced = response.replace(Unpooled.wrappedBuffer(body));
					replaced.headers()
						.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
						.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
					ctx.write(replaced, promise);
					return;
				}
			}
			ctx.write(msg, promise);
			if (msg instanceof LastHttpContent) {
				// Reactor Netty 1.3.6 reads on demand, and a keep-alive request that
				// arrived while the previous one
				// was finishing, then was answered at once (a cache hit, a 401), could
				// leave nobody asking for the
				// next read: the connection's next request then waited for ever
				// (reactor-netty#4361, fixed after
				// 1.3.8). One more read request after each answer is harmless and keeps
				// the connection moving.
				ctx.executor().execute(ctx::read);
			}
		}

		private static String detailOf(HttpStatus status) {
			return switch (status) {
				case URI_TOO_LONG -> "The request line (method, path and query) is too long.";
				case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are too large.";
				default -> "The request is not valid HTTP.";
			};
		}

	}

}
