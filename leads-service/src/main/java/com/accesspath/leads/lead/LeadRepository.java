package com.accesspath.leads.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mongodb.MongoException;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
public class LeadRepository implements InitializingBean {

	static final String COLLECTION = "leads";

	static final String SUBMISSION_INDEX = "submission_id_unique";

	private static final String OLD_SUBMISSION_INDEX = "submission_id";

	/**
	 * Where a submission's id is stored: Spring Data keeps a nested {@code id} as
	 * {@code _id}, an ObjectId when the text is one.
	 */
	private static final String SUBMISSION_ID = "submissions._id";

	private static final List<LeadStatus> OPEN = Arrays.stream(LeadStatus.values()).filter(LeadStatus::isOpen).toList();

	private static final Logger logger = LoggerFactory.getLogger(LeadRepository.class);

	private final MongoTemplate mongo;

	LeadRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterPropertiesSet() {
		IndexOperations indexes = this.mongo.indexOps(COLLECTION);
		indexes.createIndex(new Index().on("phone", Sort.Direction.ASC).named("phone"));
		indexes.createIndex(new Index().on("email", Sort.Direction.ASC).named("email"));
		indexes.createIndex(
				new Index().on("status", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("status_id"));
		indexes.createIndex(new Index().on("notification.state", Sort.Direction.ASC)
			.on("notification.nextAttemptAt", Sort.Direction.ASC)
			.named("notification_due"));
		// One submission belongs to one lead: a second lead for it (two replicas'
		// reconcilers, or one racing a slow request) is a duplicate key. Partial, so
		// documents without submissions never collide (every lead has at least one
		// today). It replaces the earlier non-unique index on the same key.
		if (indexes.getIndexInfo().stream().anyMatch(index -> OLD_SUBMISSION_INDEX.equals(index.getName()))) {
			indexes.dropIndex(OLD_SUBMISSION_INDEX);
		}
		try {
			indexes.createIndex(new Index().on(SUBMISSION_ID, Sort.Direction.ASC)
				.unique()
				.partial(PartialIndexFilter.of(Criteria.where(SUBMISSION_ID).exists(true)))
				.named(SUBMISSION_INDEX));
		}
		catch (DataAccessException | MongoException ex) {
			// Leads stored twice for one submission before this index existed: the
			// service still starts (the intake looks a submission up before it inserts)
			// and says what to merge, rather than refusing every request.
			logger.error("The unique index {} on leads is not in place: some submissions belong to more than one "
					+ "lead (find them with db.leads.aggregate([{{$unwind:'$submissions'}},{{$group:{{_id:"
					+ "'$submissions._id',n:{{$sum:1}}}}}},{{$match:{{n:{{$gt:1}}}}}}])), merge them and restart ({})",
					SUBMISSION_INDEX, ex.getMessage());
		}
		indexes.createIndex(new Index().on("type", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("type_id"));
		indexes.createIndex(new Index().on("company.industry", Sort.Direction.ASC)
			.on("_id", Sort.Direction.DESC)
			.named("industry_id"));
		indexes.createIndex(
				new Index().on("assignee", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("assignee_id"));
		indexes
			.createIndex(new Index().on("score", Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("score_id"));
		indexes.createIndex(
				new Index().on("source.cta", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("source_cta_id"));
		indexes.createIndex(new Index().on("source.utm.source", Sort.Direction.ASC)
			.on("_id", Sort.Direction.DESC)
			.named("source_utm_id"));
		indexes.createIndex(new Index().on("status", Sort.Direction.ASC)
			.on("firstContactDue", Sort.Direction.ASC)
			.named("status_firstContactDue"));
		indexes.createIndex(new Index().on("nextFollowUpAt", Sort.Direction.ASC).named("nextFollowUpAt"));
		indexes.createIndex(new Index().on("createdAt", Sort.Direction.ASC).named("createdAt"));
	}

	Lead insert(Lead lead) {
		return this.mongo.insert(lead);
	}

	public Optional<Lead> findById(String id) {
		return ObjectId.isValid(id) ? Optional.ofNullable(this.mongo.findById(id, Lead.class)) : Optional.empty();
	}

	Optional<Lead> findBySubmission(String submissionId) {
		return Optional.ofNullable(this.mongo
			.findOne(Query.query(Criteria.where(SUBMISSION_ID).is(storedSubmissionId(submissionId))), Lead.class));
	}

	/** A submission id as stored (see {@link #SUBMISSION_ID}). */
	private static Object storedSubmissionId(String submissionId) {
		return ObjectId.isValid(submissionId) ? new ObjectId(submissionId) : submissionId;
	}

	/**
	 * The person's open lead from a submission within {@code since}, matched by phone or
	 * email.
	 */
	Optional<Lead> findOpenFor(String phone, String email, Instant since) {
		List<Criteria> person = new ArrayList<>();
		if (phone != null) {
			person.add(Criteria.where("phone").is(phone));
		}
		if (email != null) {
			person.add(Criteria.where("email").is(email));
		}
		Query query = Query.query(Criteria.where("erased")
			.is(false)
			.and("status")
			.in(OPEN)
			.and("lastSubmittedAt")
			.gte(since)
			.orOperator(person.toArray(Criteria[]::new)));
		query.with(Sort.by(Sort.Order.desc("lastSubmittedAt"))).limit(1);
		return Optional.ofNullable(this.mongo.findOne(query, Lead.class));
	}

	/**
	 * Adds a submission unless it is already there (so a retry or the reconciler never
	 * adds it twice). A {@code DuplicateKeyException} says another lead already holds it.
	 */
	boolean addSubmission(String leadId, Lead.Submission submission, Update more) {
		Query query = Query.query(Criteria.where("_id")
			.is(new ObjectId(leadId))
			.and(SUBMISSION_ID)
			.ne(storedSubmissionId(submission.id())));
		Update update = more.push("submissions", submission).inc("version", 1);
		return this.mongo.updateFirst(query, update, Lead.class).getModifiedCount() == 1;
	}

	/**
	 * Applies {@code update} if the lead is still at {@code expectedVersion}; empty when
	 * it changed (or is gone).
	 */
	Optional<Lead> updateIfVersion(String id, long expectedVersion, Update update) {
		if (!ObjectId.isValid(id)) {
			return Optional.empty();
		}
		Query query = Query.query(Criteria.where("_id").is(new ObjectId(id)).and("version").is(expectedVersion));
		return Optional.ofNullable(this.mongo.findAndModify(query, update.inc("version", 1),
				FindAndModifyOptions.options().returnNew(true), Lead.class));
	}

	/** Applies {@code update}; empty when there is no such lead (or the id is no id). */
	public Optional<Lead> update(String id, Update update) {
		if (!ObjectId.isValid(id)) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.mongo.findAndModify(Query.query(Criteria.where("_id").is(new ObjectId(id))),
				update, FindAndModifyOptions.options().returnNew(true), Lead.class));
	}

	/**
	 * One page of the list: newest first, or by score (highest first, newest first among
	 * equals). {@code after} is the last item of the previous page.
	 */
	List<Lead> search(LeadFilter filter, Instant now, LeadSort sort, Lead after, int limit) {
		Query query = filter.toQuery(now);
		if (after != null) {
			ObjectId afterId = new ObjectId(after.id());
			query.addCriteria((sort == LeadSort.SCORE)
					? new Criteria().orOperator(Criteria.where("score").lt(after.score()),
							Criteria.where("score").is(after.score()).and("_id").lt(afterId))
					: Criteria.where("_id").lt(afterId));
		}
		query.with((sort == LeadSort.SCORE) ? Sort.by(Sort.Order.desc("score"), Sort.Order.desc("_id"))
				: Sort.by(Sort.Order.desc("_id")));
		return this.mongo.find(query.limit(limit), Lead.class);
	}

	long count(LeadFilter filter, Instant now) {
		return this.mongo.count(filter.toQuery(now), Lead.class);
	}

	/** How the list is ordered ({@code sort=-createdAt} or {@code sort=score}). */
	public enum LeadSort {

		NEWEST, SCORE

	}

	/**
	 * What the sales list can filter on. {@code assignee} is a person's id;
	 * {@code unassigned} asks for leads nobody has; {@code overdue} for NEW leads past
	 * their first-contact deadline; {@code source} matches the CTA or the campaign's
	 * source.
	 */
	public record LeadFilter(LeadStatus status, LeadType type, String industry, String assignee, boolean unassigned,
			boolean overdue, boolean openOnly, String source, String q) {

		Query toQuery(Instant now) {
			List<Criteria> all = new ArrayList<>();
			if (this.status != null) {
				all.add(Criteria.where("status").is(this.status));
			}
			if (this.openOnly) {
				all.add(Criteria.where("status").in(OPEN));
			}
			if (this.overdue) {
				all.add(Criteria.where("status").is(LeadStatus.NEW).and("firstContactDue").lt(now));
			}
			if (this.type != null) {
				all.add(Criteria.where("type").is(this.type));
			}
			if (present(this.industry)) {
				all.add(Criteria.where("company.industry").is(this.industry));
			}
			if (present(this.assignee)) {
				all.add(Criteria.where("assignee").is(this.assignee));
			}
			if (this.unassigned) {
				all.add(Criteria.where("assignee").is(null));
			}
			if (present(this.source)) {
				all.add(new Criteria().orOperator(Criteria.where("source.cta").is(this.source.strip()),
						Criteria.where("source.utm.source").is(this.source.strip())));
			}
			if (present(this.q)) {
				// The text is quoted: a value is data, never a pattern or an operator.
				Pattern text = Pattern.compile(Pattern.quote(this.q.strip()), Pattern.CASE_INSENSITIVE);
				all.add(new Criteria().orOperator(Criteria.where("company.name").regex(text),
						Criteria.where("contact.name").regex(text)));
			}
			return all.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(all));
		}

		private static boolean present(String value) {
			return value != null && !value.isBlank();
		}

	}

	/**
	 * NEW leads past their first-contact deadline whose assignee has not been told yet,
	 * oldest deadline first.
	 */
	public List<Lead> findOverdueUnannounced(Instant now, int limit) {
		Query query = Query.query(Criteria.where("status")
			.is(LeadStatus.NEW)
			.and("firstContactDue")
			.lte(now)
			.and("overdueNotifiedAt")
			.is(null));
		return this.mongo.find(query.with(Sort.by(Sort.Order.asc("firstContactDue"))).limit(limit), Lead.class);
	}

	/** Open leads whose follow-up time has come and who were not reminded of it. */
	public List<Lead> findFollowUpsDue(Instant now, int limit) {
		Query query = Query
			.query(Criteria.where("nextFollowUpAt").lte(now).and("followUpRemindedAt").is(null).and("status").in(OPEN));
		return this.mongo.find(query.with(Sort.by(Sort.Order.asc("nextFollowUpAt"))).limit(limit), Lead.class);
	}

	/**
	 * Claims the one announcement of a field ({@code overdueNotifiedAt} or
	 * {@code followUpRemindedAt}): only the replica whose update finds it unset sends.
	 */
	public Optional<Lead> claimAnnouncement(String id, String field, Instant now, Criteria stillDue) {
		Query query = Query.query(Criteria.where("_id").is(new ObjectId(id)).and(field).is(null));
		query.addCriteria(stillDue);
		return Optional.ofNullable(this.mongo.findAndModify(query, new Update().set(field, now),
				FindAndModifyOptions.options().returnNew(true), Lead.class));
	}

	/**
	 * Leads created in [from, to) (on the {@code createdAt} index), only the fields the
	 * funnel reads.
	 */
	List<org.bson.Document> createdBetween(Instant from, Instant to, int max) {
		Query query = Query.query(Criteria.where("createdAt").gte(from).lt(to));
		query.fields().include("status", "company.industry", "source", "createdAt", "firstContactedAt");
		return this.mongo.find(query.limit(max), org.bson.Document.class, COLLECTION);
	}

	/** Leads whose notification is due, oldest due first. */
	public List<Lead> findNotificationsDue(Instant now, int limit) {
		Query query = Query.query(Criteria.where("notification.state")
			.is(NotificationState.PENDING)
			.and("notification.nextAttemptAt")
			.lte(now));
		query.with(Sort.by(Sort.Order.asc("notification.nextAttemptAt"))).limit(limit);
		return this.mongo.find(query, Lead.class);
	}

	/**
	 * Claims a due notification for {@code lease}, so that one replica delivers it; empty
	 * if another has it.
	 */
	public Optional<Lead> claimNotification(String id, Instant now, Instant leaseUntil) {
		Query query = Query.query(Criteria.where("_id")
			.is(new ObjectId(id))
			.and("notification.state")
			.is(NotificationState.PENDING)
			.and("notification.nextAttemptAt")
			.lte(now));
		return Optional
			.ofNullable(this.mongo.findAndModify(query, new Update().set("notification.nextAttemptAt", leaseUntil),
					FindAndModifyOptions.options().returnNew(true), Lead.class));
	}

	public long countNotifications(NotificationState state) {
		return this.mongo.count(Query.query(Criteria.where("notification.state").is(state)), Lead.class);
	}

	/**
	 * Marks a claimed notification SENT unless it was armed again since the claim (its
	 * {@code nextAttemptAt} is no longer the claim's lease): then it stays due.
	 */
	public boolean markNotificationSent(String id, Instant claimedUntil, int attempts) {
		Query query = Query
			.query(Criteria.where("_id").is(new ObjectId(id)).and("notification.nextAttemptAt").is(claimedUntil));
		return this.mongo
			.updateFirst(query,
					new Update().set("notification.state", NotificationState.SENT)
						.set("notification.attempts", attempts),
					Lead.class)
			.getModifiedCount() == 1;
	}

}
