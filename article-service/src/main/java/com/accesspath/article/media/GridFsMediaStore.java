package com.accesspath.article.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.Document;

import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Files in MongoDB GridFS (bucket {@code media}, in the service's own database): the
 * storage of local runs and tests, and of a deployment without object storage. A key is
 * the GridFS file name.
 */
class GridFsMediaStore implements MediaStore {

	static final String BUCKET = "media";

	private final GridFsTemplate files;

	GridFsMediaStore(GridFsTemplate files) {
		this.files = files;
	}

	@Override
	public void put(String key, InputStream content, long length, String contentType) throws IOException {
		// Content-addressed: a key that is there already holds these bytes. Two replicas
		// storing the same new key at once leave two equal files; either is served.
		if (find(key) != null) {
			return;
		}
		this.files.store(content, key, contentType, new Document("length", length));
	}

	@Override
	public Optional<StoredFile> open(String key) throws IOException {
		GridFSFile file = find(key);
		if (file == null) {
			return Optional.empty();
		}
		GridFsResource resource = this.files.getResource(file);
		String contentType = (file.getMetadata() != null) ? file.getMetadata().getString("_contentType") : null;
		return Optional.of(new StoredFile(file.getLength(),
				(contentType != null) ? contentType : "application/octet-stream", resource.getInputStream()));
	}

	private GridFSFile find(String key) {
		return this.files.findOne(Query.query(where("filename").is(key)));
	}

}
