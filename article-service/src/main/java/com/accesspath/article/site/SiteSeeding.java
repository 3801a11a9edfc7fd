package com.accesspath.article.site;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import com.accesspath.article.site.SiteRequests.ContactRequest;
import com.accesspath.article.site.SiteRequests.SitePageRequest;
import com.accesspath.article.site.SiteRequests.SiteSettingsRequest;
import com.accesspath.article.site.SiteRequests.WeChatRequest;

/**
 * The way in for site content that arrives already written (demo content): the rules of
 * an editor's PUT, but only ever adding. Settings or a page that exist, edited or not,
 * are left as they are.
 */
@Component
public class SiteSeeding {

	public record DemoSettings(String name, String legalName, String icp, String publicSecurityRecord,
			DemoWeChat wechat, DemoContact contact) {
	}

	public record DemoWeChat(String account, String qrImage) {
	}

	public record DemoContact(String email, String phone, String address) {
	}

	public record DemoPage(String slug, String title, String body) {
	}

	private final SiteService site;

	private final Validator validator;

	SiteSeeding(SiteService site, Validator validator) {
		this.site = site;
		this.validator = validator;
	}

	/** Stores the settings unless there are some; true when stored. */
	public boolean addSettingsIfAbsent(DemoSettings settings) {
		WeChatRequest wechat = (settings.wechat() != null)
				? new WeChatRequest(settings.wechat().account(), settings.wechat().qrImage())
				: new WeChatRequest(null, null);
		ContactRequest contact = (settings.contact() != null) ? new ContactRequest(settings.contact().email(),
				settings.contact().phone(), settings.contact().address()) : new ContactRequest(null, null, null);
		return this.site.addSettingsIfAbsent(valid(new SiteSettingsRequest(settings.name(), settings.legalName(),
				settings.icp(), settings.publicSecurityRecord(), wechat, contact)));
	}

	/** Stores the page unless one has its slug; true when stored. */
	public boolean addPageIfAbsent(DemoPage page) {
		if (!SiteService.isSlug(page.slug())) {
			throw new IllegalArgumentException("Demo page slug '" + page.slug() + "' is not a site page slug");
		}
		return this.site.addPageIfAbsent(page.slug(), valid(new SitePageRequest(page.title(), page.body())));
	}

	/** Demo content breaks no rule an editor's PUT would be held to. */
	private <T> T valid(T request) {
		Set<ConstraintViolation<T>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			ConstraintViolation<T> first = violations.iterator().next();
			throw new IllegalArgumentException(
					"Demo site content: " + first.getPropertyPath() + " " + first.getMessage());
		}
		return request;
	}

}
