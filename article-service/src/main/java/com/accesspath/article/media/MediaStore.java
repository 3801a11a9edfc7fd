package com.accesspath.article.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where the media library keeps its files' bytes: content-addressed and written once (a
 * key never names other bytes later, which is why every cache may keep them for a year).
 * One implementation per kind of storage, chosen by {@code accesspath.media.store}:
 * MongoDB GridFS (local runs, tests) or S3-compatible object storage (production: AWS S3,
 * Aliyun OSS, Tencent COS, MinIO).
 */
public interface MediaStore {

	/**
	 * Stores the bytes under the key; a key already stored is left as it is (the same key
	 * means the same bytes).
	 * @param key a path-like key, {@code <media id>/<file>}
	 * @param content the bytes, read once
	 * @param length how many bytes {@code content} has
	 * @param contentType the media type served with them
	 */
	void put(String key, InputStream content, long length, String contentType) throws IOException;

	/** The bytes under the key, or empty when nothing is stored there. */
	Optional<StoredFile> open(String key) throws IOException;

	/**
	 * An open file: its size, type and content, which the caller reads once and closes.
	 */
	record StoredFile(long length, String contentType, InputStream content) {
	}

}
