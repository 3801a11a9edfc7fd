package com.accesspath.article.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.article.media.ImageRenditions.TooManyPixelsException;
import com.accesspath.article.media.ImageRenditions.UndecodableImageException;
import com.accesspath.article.media.MediaStore.StoredFile;

/**
 * The media library: what editors upload, checked, cleaned and stored once.
 * <p>
 * A file's kind is read from its bytes ({@link MediaKind}); an image is decoded and
 * written anew with its renditions ({@link ImageRenditions}), one or two at a time per
 * replica as its heap allows, and a PDF is kept as sent. The bytes go to the
 * {@link MediaStore} before the entry is recorded, so an entry always has its files.
 */
@Service
public class MediaLibrary {

	/** What a media id looks like: 32 hex digits (128 bits) of the upload's SHA-256. */
	static final String ID_PATTERN = "[0-9a-f]{32}";

	/** What a served file name looks like. */
	static final String FILE_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*\\.[a-z]{3,4}";

	private static final int MAX_NAME_LENGTH = 200;

	private final MediaStore store;

	private final MediaRepository repository;

	private final MediaProperties properties;

	private final ImageRenditions renditions;

	private final Clock clock;

	/**
	 * Images processed at once: two where the heap has room for them beside the search
	 * dictionary (about 100 MiB live), else one (a decode and its copies take up to about
	 * 96 MiB).
	 */
	private final Semaphore imageSlots = new Semaphore(
			(int) Math.max(1, Math.min(2, (Runtime.getRuntime().maxMemory() - (160L << 20)) / (96L << 20))));

	/** Entries never change once recorded, so every replica may keep them. */
	private final Cache<String, Media> entries = Caffeine.newBuilder().maximumSize(10_000).build();

	MediaLibrary(MediaStore store, MediaRepository repository, MediaProperties properties, Clock clock) {
		this.store = store;
		this.repository = repository;
		this.properties = properties;
		this.renditions = new ImageRenditions(properties.maxPixels(), properties.renditionWidths());
		this.clock = clock;
	}

	Media upload(MultipartFile file, String editor) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form field \"file\" has no file.");
		}
		return add(file.getOriginalFilename(), file.getSize(), file, editor);
	}

	/**
	 * Adds a file made here (the demo covers) as if an editor had uploaded it; its URL is
	 * {@code url()}.
	 */
	public String add(String name, byte[] bytes, String editor) throws IOException {
		return add(name, bytes.length, new ByteArrayResource(bytes), editor).url();
	}

	private Media add(String originalName, long size, InputStreamSource file, String editor) throws IOException {
		MediaKind kind = kindOf(file);
		long limit = (kind.isImage() ? this.properties.maxImageSize() : this.properties.maxDocumentSize()).toBytes();
		if (size > limit) {
			throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
					"A " + kind + " file may have at most " + limit + " bytes.");
		}
		String id = idOf(file);
		Optional<Media> known = find(id);
		if (known.isPresent()) {
			return known.get();
		}
		String name = cleanName(originalName);
		Media media = kind.isImage() ? storeImage(id, name, kind, file, editor)
				: storeDocument(id, name, size, file, editor);
		Media recorded = this.repository.insertIfAbsent(media);
		this.entries.put(recorded.id(), recorded);
		return recorded;
	}

	/** Entries newest first; {@code before} is the last entry of the previous page. */
	List<Media> page(Media before, int limit) {
		return (before != null) ? this.repository.page(before.uploadedAt(), before.id(), limit)
				: this.repository.page(null, null, limit);
	}

	public Optional<Media> find(String id) {
		if (id == null || !id.matches(ID_PATTERN)) {
			return Optional.empty();
		}
		Media cached = this.entries.getIfPresent(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<Media> found = this.repository.findById(id);
		found.ifPresent(media -> this.entries.put(id, media));
		return found;
	}

	/**
	 * Whether a URL names a file of the library ({@code /media/{id}/{file}}, with or
	 * without {@code ?w=}), as articles' covers do.
	 */
	public boolean isLibraryUrl(String url) {
		if (url == null || !url.matches("/media/" + ID_PATTERN + "/" + FILE_PATTERN + "(\\?w=\\d{1,5})?")) {
			return false;
		}
		if (url.contains("?w=") && !isRenditionWidth(Integer.parseInt(url.substring(url.indexOf("?w=") + 3)))) {
			return false;
		}
		String[] parts = url.split("[/?]");
		return find(parts[2]).filter(media -> media.file().equals(parts[3])).isPresent();
	}

	/**
	 * The bytes of a file at a width: a rendition when there is one, the full image when
	 * the width is one of the renditions' but not below the image's own.
	 */
	Optional<StoredFile> open(Media media, Integer width) throws IOException {
		Integer stored = (width != null
				&& media.renditions().stream().anyMatch(rendition -> rendition.width() == width)) ? width : null;
		return this.store.open(media.key(stored));
	}

	boolean isRenditionWidth(int width) {
		return this.properties.renditionWidths().contains(width);
	}

	private Media storeImage(String id, String name, MediaKind kind, InputStreamSource file, String editor)
			throws IOException {
		ImageRenditions.Result image;
		try {
			// Busy replicas say so at once (503 with Retry-After) rather than hold the
			// upload.
			if (!this.imageSlots.tryAcquire(2, TimeUnit.SECONDS)) {
				throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
						"Other images are being processed; try again in a moment.");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted.");
		}
		try (InputStream in = file.getInputStream()) {
			image = this.renditions.make(in, kind);
		}
		catch (UndecodableImageException ex) {
			throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ex.getMessage());
		}
		catch (TooManyPixelsException ex) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		}
		finally {
			this.imageSlots.release();
		}
		Media media = new Media(id, fileName(name, image.kind()), image.kind(), image.full().length, image.width(),
				image.height(),
				image.renditions()
					.stream()
					.map(rendition -> new Media.Rendition(rendition.width(), rendition.height(),
							rendition.bytes().length))
					.toList(),
				name, editor, Instant.now(this.clock));
		put(media.key(null), image.full(), image.kind());
		for (ImageRenditions.Rendition rendition : image.renditions()) {
			put(media.key(rendition.width()), rendition.bytes(), image.kind());
		}
		return media;
	}

	private Media storeDocument(String id, String name, long size, InputStreamSource file, String editor)
			throws IOException {
		Media media = new Media(id, fileName(name, MediaKind.PDF), MediaKind.PDF, size, null, null, List.of(), name,
				editor, Instant.now(this.clock));
		try (InputStream in = file.getInputStream()) {
			this.store.put(media.key(null), in, size, MediaKind.PDF.contentType());
		}
		return media;
	}

	private void put(String key, byte[] bytes, MediaKind kind) throws IOException {
		this.store.put(key, new ByteArrayInputStream(bytes), bytes.length, kind.contentType());
	}

	private static MediaKind kindOf(InputStreamSource file) throws IOException {
		byte[] head;
		try (InputStream in = file.getInputStream()) {
			head = in.readNBytes(MediaKind.HEAD);
		}
		return MediaKind.of(head)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Only JPEG, PNG, WebP and GIF images and PDF documents are taken; "
							+ "the type is read from the file's bytes, not its name."));
	}

	private static String idOf(InputStreamSource file) throws IOException {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		try (InputStream in = new DigestInputStream(file.getInputStream(), sha256)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(sha256.digest()).substring(0, 32);
	}

	/**
	 * The client's file name as a label: no path, no control characters, not too long.
	 */
	private static String cleanName(String original) {
		if (original == null) {
			return null;
		}
		String name = original.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cc}", "").strip();
		if (name.length() > MAX_NAME_LENGTH) {
			name = name.substring(0, MAX_NAME_LENGTH);
		}
		return name.isEmpty() ? null : name;
	}

	/**
	 * The name a file is served under: the client's name in ASCII lower case when it has
	 * any letters or digits, else by kind; the extension is the stored kind's.
	 */
	static String fileName(String name, MediaKind kind) {
		String base = (name != null) ? name.replaceFirst("\\.[^.]*$", "") : "";
		base = Normalizer.normalize(base, Normalizer.Form.NFKD)
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-+|-+$", "");
		if (base.length() > 60) {
			base = base.substring(0, 60).replaceAll("-+$", "");
		}
		if (base.isEmpty()) {
			base = kind.isImage() ? "image" : "document";
		}
		return base + "." + kind.extension();
	}

}
