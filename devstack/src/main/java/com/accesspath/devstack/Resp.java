package com.accesspath.devstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few Redis commands {@link LocalRedisCluster} sends to one node, with nothing but
 * the JDK (the devstack launcher jar carries no Redis client): one short connection per
 * command, RESP2 replies as {@code String}, {@code Long}, {@code List} or {@code null}.
 */
final class Resp {

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private static final int READ_TIMEOUT_MILLIS = 5000;

	private Resp() {
	}

	/** An error reply ({@code -ERR ...}): the node answered, and refused. */
	static final class ErrorReply extends RuntimeException {

		ErrorReply(String message) {
			super(message);
		}

	}

	static Object call(String host, int port, Object... arguments) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			out.write(encode(arguments));
			out.flush();
			return read(new BufferedInputStream(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis on " + host + ":" + port + " did not answer " + arguments[0], ex);
		}
	}

	/** The reply as text: bulk and simple strings as they are, integers in decimal. */
	static String text(String host, int port, Object... arguments) {
		Object reply = call(host, port, arguments);
		return (reply != null) ? reply.toString() : null;
	}

	private static byte[] encode(Object... arguments) {
		StringBuilder command = new StringBuilder().append('*').append(arguments.length).append("\r\n");
		for (Object argument : arguments) {
			byte[] bytes = String.valueOf(argument).getBytes(StandardCharsets.UTF_8);
			// Lengths are in bytes: the argument is appended as ISO-8859-1 chars, one per
			// byte.
			command.append('$')
				.append(bytes.length)
				.append("\r\n")
				.append(new String(bytes, StandardCharsets.ISO_8859_1))
				.append("\r\n");
		}
		return command.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static Object read(InputStream in) throws IOException {
		int type = in.read();
		String line = line(in);
		return switch (type) {
			case '+' -> line;
			case '-' -> throw new ErrorReply(line);
			case ':' -> Long.parseLong(line);
			case '$' -> bulk(in, Integer.parseInt(line));
			case '*' -> {
				int count = Integer.parseInt(line);
				if (count < 0) {
					yield null;
				}
				List<Object> items = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					items.add(read(in));
				}
				yield items;
			}
			case -1 -> throw new EOFException("connection closed before a reply");
			default -> throw new IOException("not a RESP reply: " + (char) type + line);
		};
	}

	private static String bulk(InputStream in, int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] bytes = in.readNBytes(length);
		if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
			throw new EOFException("bulk reply cut short");
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		for (int next = in.read(); next != -1; next = in.read()) {
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(next);
			previous = next;
		}
		throw new EOFException("connection closed in a reply line");
	}

}
