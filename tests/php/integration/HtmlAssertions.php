<?php
/**
 * Reading HTML the way a browser does, for the security tests: two independent parsers
 * (WordPress's HTML5 tokenizer and libxml's, through DOMDocument) must agree on every element
 * and attribute, and nothing unexpected may appear.
 *
 * @package Helpdesky\Block
 */

namespace Helpdesky\Block\Tests\Integration;

use DOMDocument;
use DOMElement;
use WP_HTML_Tag_Processor;

trait HtmlAssertions {

	/**
	 * Every token of the HTML as WordPress's spec-following tokenizer reads it.
	 *
	 * Opening tags come as [ 'tag' => name, 'attributes' => [ name => decoded value ] ] (a
	 * boolean attribute's value is ''), text as [ 'text' => decoded text ]. Closing tags are left
	 * out. Comments, CDATA, doctype and bogus tags fail the test: the block never prints them, so
	 * one in its output means something was injected.
	 *
	 * @param string $html HTML fragment.
	 * @return array<int, array{tag?: string, attributes?: array<string, string>, close?: string, text?: string}>
	 */
	protected function html_tokens( string $html ): array {
		$tokens    = array();
		$processor = new WP_HTML_Tag_Processor( $html );
		while ( $processor->next_token() ) {
			$type = $processor->get_token_type();
			if ( '#tag' === $type ) {
				if ( $processor->is_tag_closer() ) {
					$tokens[] = array( 'close' => strtolower( (string) $processor->get_tag() ) );
					continue;
				}
				$attributes = array();
				foreach ( (array) $processor->get_attribute_names_with_prefix( '' ) as $name ) {
					$value               = $processor->get_attribute( $name );
					$attributes[ $name ] = true === $value ? '' : (string) $value;
				}
				$tokens[] = array(
					'tag'        => strtolower( (string) $processor->get_tag() ),
					'attributes' => $attributes,
				);
				// A script's content is not HTML; the block's scripts have none.
				if ( 'SCRIPT' === $processor->get_tag() ) {
					$this->assertSame( '', $processor->get_modifiable_text(), 'A script tag has inline content.' );
				}
				continue;
			}
			if ( '#text' === $type ) {
				$tokens[] = array( 'text' => $processor->get_modifiable_text() );
				continue;
			}
			$this->fail( "Unexpected {$type} token in the output:\n{$html}" );
		}
		$this->assertFalse( $processor->paused_at_incomplete_token(), "The output ends inside a tag:\n{$html}" );
		return $tokens;
	}

	/**
	 * The opening tags only.
	 *
	 * @param string $html HTML fragment.
	 * @return array<int, array{tag: string, attributes: array<string, string>}>
	 */
	protected function html_elements( string $html ): array {
		$elements = array();
		foreach ( $this->html_tokens( $html ) as $token ) {
			if ( isset( $token['tag'] ) ) {
				$elements[] = array(
					'tag'        => $token['tag'],
					'attributes' => $token['attributes'] ?? array(),
				);
			}
		}
		return $elements;
	}

	/**
	 * The same elements read by libxml (DOMDocument), a parser that shares no code with
	 * WordPress's: both must see the same tags with the same attribute values.
	 *
	 * @param string $html HTML fragment.
	 * @return array<int, array{tag: string, attributes: array<string, string>}>
	 */
	protected function html_elements_libxml( string $html ): array {
		$document = new DOMDocument();
		$previous = libxml_use_internal_errors( true );
		$document->loadHTML( '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' . $html . '</body></html>', LIBXML_NONET );
		libxml_clear_errors();
		libxml_use_internal_errors( $previous );

		$elements = array();
		$body     = $document->getElementsByTagName( 'body' )->item( 0 );
		if ( null === $body ) {
			return $elements;
		}
		foreach ( $body->getElementsByTagName( '*' ) as $element ) {
			if ( ! $element instanceof DOMElement ) {
				continue;
			}
			$attributes = array();
			foreach ( $element->attributes as $attribute ) {
				$attributes[ strtolower( $attribute->name ) ] = $attribute->value;
			}
			$elements[] = array(
				'tag'        => strtolower( $element->tagName ), // phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- DOM's own property.
				'attributes' => $attributes,
			);
		}
		return $elements;
	}

	/**
	 * Asserts that both parsers read the same elements and attributes, and returns them.
	 *
	 * @param string $html HTML fragment.
	 * @return array<int, array{tag: string, attributes: array<string, string>}>
	 */
	protected function assert_parsers_agree( string $html ): array {
		$elements = $this->html_elements( $html );
		if ( false !== strpos( $html, "\0" ) ) {
			// libxml reads C strings and stops at a NUL byte; browsers replace it. Only WordPress's
			// tokenizer, which follows the HTML standard, can judge such output.
			return $elements;
		}
		$this->assertSame(
			self::sorted_attributes( $elements ),
			self::sorted_attributes( $this->html_elements_libxml( $html ) ),
			"WordPress's tokenizer and libxml read this output differently:\n{$html}"
		);
		return $elements;
	}

	/**
	 * Asserts that every element and attribute is one the block prints.
	 *
	 * @param array<int, array{tag: string, attributes: array<string, string>}> $elements Elements.
	 * @param array<string, string[]>                                           $allowed  Tag => attribute names.
	 * @param string                                                            $html     For the message.
	 */
	protected function assert_only_allowed( array $elements, array $allowed, string $html ): void {
		foreach ( $elements as $element ) {
			$this->assertArrayHasKey( $element['tag'], $allowed, "Unexpected <{$element['tag']}> in:\n{$html}" );
			$unexpected = array_diff( array_keys( $element['attributes'] ), $allowed[ $element['tag'] ] );
			$this->assertSame( array(), array_values( $unexpected ), "Unexpected attributes on <{$element['tag']}> in:\n{$html}" );
		}
	}

	/**
	 * The elements of a tag name.
	 *
	 * @param array<int, array{tag: string, attributes: array<string, string>}> $elements Elements.
	 * @param string                                                            $tag      Tag name.
	 * @return array<int, array<string, string>> Their attributes.
	 */
	protected static function elements_named( array $elements, string $tag ): array {
		$found = array();
		foreach ( $elements as $element ) {
			if ( $tag === $element['tag'] ) {
				$found[] = $element['attributes'];
			}
		}
		return $found;
	}

	/**
	 * Elements with attributes in a stable order, for comparing two parsers' views, and values as
	 * a browser's DOM holds them: HTML's input stream turns CR and CRLF into LF before tokenizing.
	 * WordPress 7.x's tokenizer does that in attribute values, 6.8's and libxml do not.
	 *
	 * @param array<int, array{tag: string, attributes: array<string, string>}> $elements Elements.
	 * @return array<int, array{tag: string, attributes: array<string, string>}>
	 */
	private static function sorted_attributes( array $elements ): array {
		foreach ( $elements as &$element ) {
			foreach ( $element['attributes'] as $name => $value ) {
				$value                          = str_replace( array( "\r\n", "\r" ), "\n", $value );
				$element['attributes'][ $name ] = $value;
				// libxml reads a bare boolean attribute the HTML 4 way, as readonly="readonly".
				if ( $name === $value && in_array( $name, array( 'readonly', 'disabled', 'checked', 'selected', 'multiple', 'required', 'hidden', 'async', 'defer', 'nomodule' ), true ) ) {
					$element['attributes'][ $name ] = '';
				}
			}
			ksort( $element['attributes'] );
		}
		return $elements;
	}
}
