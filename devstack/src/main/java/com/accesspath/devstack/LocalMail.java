package com.accesspath.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The local SMTP server (GreenMail) of {@code ./platform}: whatever the services send is
 * kept as {@code .eml} files under {@code data/mail/}, and {@code ./platform mail} shows
 * the newest ones. Never used outside local runs.
 */
final class LocalMail implements AutoCloseable {

	private final GreenMail greenMail;

	private final Path directory;

	private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "local-mail");
		thread.setDaemon(true);
		return thread;
	});

	private int saved;

	LocalMail(int port, Path directory) throws IOException {
		this.directory = Files.createDirectories(directory);
		try (DirectoryStream<Path> existing = Files.newDirectoryStream(directory, "*.eml")) {
			existing.forEach(file -> this.saved++);
		}
		this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.greenMail.start();
		int offset = this.saved;
		this.saver.scheduleWithFixedDelay(() -> save(offset), 200, 200, TimeUnit.MILLISECONDS);
	}

	private synchronized void save(int offset) {
		MimeMessage[] messages = this.greenMail.getReceivedMessages();
		for (int i = this.saved - offset; i < messages.length; i++) {
			Path file = this.directory.resolve(String.format("%05d.eml", this.saved + 1));
			try (OutputStream out = Files.newOutputStream(file)) {
				messages[i].writeTo(out);
				this.saved++;
			}
			catch (Exception ex) {
				System.err.println("local mail: could not save a message: " + ex.getMessage());
				return;
			}
		}
	}

	@Override
	public void close() {
		this.saver.shutdownNow();
		this.greenMail.stop();
	}

	/**
	 * Prints the newest {@code count} mails: recipient, subject and plain text (links
	 * included).
	 */
	static int show(Path directory, int count) throws Exception {
		if (!Files.isDirectory(directory)) {
			System.out.println("No mail yet (" + directory + ").");
			return 0;
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> all = Files.newDirectoryStream(directory, "*.eml")) {
			all.forEach(files::add);
		}
		files.sort(null);
		Session session = Session.getInstance(new Properties());
		for (Path file : files.subList(Math.max(0, files.size() - count), files.size())) {
			try (InputStream in = Files.newInputStream(file)) {
				MimeMessage message = new MimeMessage(session, in);
				System.out.println("== " + file.getFileName() + "  to " + message.getAllRecipients()[0] + "  "
						+ message.getSubject());
				System.out.println(text(message).strip());
				System.out.println();
			}
		}
		return 0;
	}

	private static String text(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = text(multipart.getBodyPart(i));
				if (!text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

}
