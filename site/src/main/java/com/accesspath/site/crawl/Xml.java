package com.accesspath.site.crawl;

import java.io.ByteArrayOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML written with a real XML writer ({@link XMLStreamWriter}): text and attribute values
 * are escaped by the writer, and characters XML 1.0 cannot carry at all are dropped, so
 * whatever an article says stays text.
 */
final class Xml {

	private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

	/** Writes the body of a document. */
	@FunctionalInterface
	interface Body {

		void write(XMLStreamWriter xml) throws XMLStreamException;

	}

	private Xml() {
	}

	/** A UTF-8 document with an XML declaration around {@code body}. */
	static byte[] document(Body body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
		try {
			XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
			xml.writeStartDocument("UTF-8", "1.0");
			body.write(xml);
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("An XML document could not be written", ex);
		}
		return out.toByteArray();
	}

	/** {@code <name>text</name>}, nothing when {@code text} is null. */
	static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		if (text != null) {
			xml.writeStartElement(name);
			xml.writeCharacters(clean(text));
			xml.writeEndElement();
		}
	}

	/** {@code <prefix:name>text</prefix:name>}, nothing when {@code text} is null. */
	static void element(XMLStreamWriter xml, String prefix, String namespace, String name, String text)
			throws XMLStreamException {
		if (text != null) {
			xml.writeStartElement(prefix, name, namespace);
			xml.writeCharacters(clean(text));
			xml.writeEndElement();
		}
	}

	/**
	 * {@code text} without the characters XML 1.0 does not allow (control characters).
	 */
	static String clean(String text) {
		StringBuilder cleaned = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
					|| Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xFFFD);
			if (!allowed && cleaned == null) {
				cleaned = new StringBuilder(text.length()).append(text, 0, i);
			}
			else if (allowed && cleaned != null) {
				cleaned.append(c);
			}
		}
		return (cleaned != null) ? cleaned.toString() : text;
	}

}
