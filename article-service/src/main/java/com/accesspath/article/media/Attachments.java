package com.accesspath.article.media;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;

/**
 * The files articles may offer for download (an article's {@code attachment}), until the
 * media library stores uploads: the files under {@code attachments/} on the class path,
 * each known by its file name ({@code ai-landing-guide.pdf}). Read once at start; a file
 * is looked up by its id in that list only, never by building a path from what a client
 * sent, so no request can reach another file. Ids never change meaning: a new version of
 * a file gets a new name (answers are cached as immutable).
 */
@Component
public class Attachments {

	/** What an attachment id looks like: a lower-case file name with an extension. */
	public static final String ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]{1,8}";

	private static final Pattern ID = Pattern.compile(ID_PATTERN);

	static final String LOCATION = "classpath*:attachments/*";

	/**
	 * One file: its id, type, size and the ETag of its bytes.
	 *
	 * @param id the file name, which is also the name a download is saved under
	 * @param contentType from the file's extension
	 * @param bytes its size
	 * @param etag a strong ETag of its content
	 * @param resource where it is read from
	 */
	public record Attachment(String id, MediaType contentType, long bytes, String etag, Resource resource) {
	}

	private final Map<String, Attachment> byId;

	Attachments() {
		this(LOCATION);
	}

	Attachments(String location) {
		this.byId = load(location);
	}

	public Optional<Attachment> find(String id) {
		return Optional.ofNullable((id != null) ? this.byId.get(id) : null);
	}

	public boolean exists(String id) {
		return find(id).isPresent();
	}

	private static Map<String, Attachment> load(String location) {
		Map<String, Attachment> files = new LinkedHashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
				String name = resource.getFilename();
				if (name != null && ID.matcher(name).matches() && resource.isReadable()) {
					files.putIfAbsent(name, describe(name, resource));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + location, ex);
		}
		return Map.copyOf(files);
	}

	private static Attachment describe(String id, Resource resource) throws IOException {
		MediaType type = MediaTypeFactory.getMediaType(id).orElse(MediaType.APPLICATION_OCTET_STREAM);
		try (DigestInputStream in = new DigestInputStream(resource.getInputStream(), sha256())) {
			long bytes = in.transferTo(OutputStream.nullOutputStream());
			byte[] digest = in.getMessageDigest().digest();
			return new Attachment(id, type, bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"", resource);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
