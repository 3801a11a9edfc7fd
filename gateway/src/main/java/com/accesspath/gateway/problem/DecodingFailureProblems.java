package com.accesspath.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.accesspath.boot.problem.ProblemJson;

/**
 * Requests that Reactor Netty refuses before the application sees them (a request line over the limit: 414, headers
 * over the limit: 431, a malformed request: 400) are answered by Netty itself with an empty body. This handler, just
 * behind the HTTP codec, gives those answers a problem+json body like every other error.
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
				this.failedPath = (path.startsWith("/") && path.length() <= 200 && !path.equals("/bad-request")) ? path : "";
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
