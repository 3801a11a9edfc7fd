package com.accesspath.leads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for WeCom's group robot webhook (WeCom itself cannot be reached from
 * here).
 */
public final class WeComStub implements AutoCloseable {

	public enum Mode {

		OK, FAIL, HANG

	}

	private final HttpServer server;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile Mode mode = Mode.OK;

	private final CountDownLatch released = new CountDownLatch(1);

	WeComStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/cgi-bin/webhook/send", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Mode current = this.mode;
			if (current == Mode.HANG) {
				try {
					// Hangs until the stub is closed (or at most a minute): the caller's
					// time limit must act first.
					this.released.await(1, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] answer = (current == Mode.OK) ? "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8)
					: "{\"errcode\":-1}".getBytes(StandardCharsets.UTF_8);
			if (current == Mode.OK) {
				this.received.add(body);
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders((current == Mode.OK) ? 200 : 500, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
			catch (IOException ex) {
				// the caller gave up
			}
		});
		this.server.start();
	}

	public void mode(Mode mode) {
		this.mode = mode;
	}

	public List<String> received() {
		return this.received;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/cgi-bin/webhook/send?key=test";
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
	}

}
