package com.accesspath.boot.mongodb;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.ClientSessionOptions;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import org.bson.codecs.configuration.CodecRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Gives every operation made while answering an HTTP request one deadline for all of it
 * (the driver's client-side operation timeout: finding a primary, checking out a
 * connection, retrying after an election and the reply), and leaves work outside requests
 * to the client's own, longer timeouts.
 *
 * <p>
 * Why not one short server-selection timeout for everything: it made every election a
 * burst of 503s for requests that a retry a second later would have served, and it failed
 * scheduled work (snapshots, outboxes, index builds at start-up) that can well wait for
 * the new primary. Spring Data asks the factory for the database on every operation, so
 * the deadline follows the thread that makes it.
 */
public class RequestDeadlineMongoDatabaseFactory implements MongoDatabaseFactory {

	private final MongoDatabaseFactory delegate;

	private final Duration deadline;

	public RequestDeadlineMongoDatabaseFactory(MongoDatabaseFactory delegate, Duration deadline) {
		this.delegate = delegate;
		this.deadline = deadline;
	}

	@Override
	public MongoDatabase getMongoDatabase() throws DataAccessException {
		return withDeadline(this.delegate.getMongoDatabase());
	}

	@Override
	public MongoDatabase getMongoDatabase(String dbName) throws DataAccessException {
		return withDeadline(this.delegate.getMongoDatabase(dbName));
	}

	private MongoDatabase withDeadline(MongoDatabase database) {
		if (RequestContextHolder.getRequestAttributes() == null) {
			return database;
		}
		return database.withTimeout(this.deadline.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public PersistenceExceptionTranslator getExceptionTranslator() {
		return this.delegate.getExceptionTranslator();
	}

	@Override
	public CodecRegistry getCodecRegistry() {
		return this.delegate.getCodecRegistry();
	}

	@Override
	public ClientSession getSession(ClientSessionOptions options) {
		return this.delegate.getSession(options);
	}

	@Override
	public MongoDatabaseFactory withSession(ClientSession session) {
		return new RequestDeadlineMongoDatabaseFactory(this.delegate.withSession(session), this.deadline);
	}

	@Override
	public boolean isTransactionActive() {
		return this.delegate.isTransactionActive();
	}

}
