import type { ContentAlign } from '../shared/layout-panel';

export type { ContentAlign };

// A type alias rather than an interface: @wordpress/blocks constrains block
// attributes to Record< string, unknown >, and only type aliases get the
// implicit index signature that constraint needs.
export type Attributes = {
	contentAlign: ContentAlign;
	maxWidth: string;
};

/**
 * What the Contact Form needs of the configuration status PHP prints for the
 * editor (window.helpdeskyBlockEditor, shared with the Ticket Center): the
 * Helpdesk ID only, as the form needs no secret.
 */
export type EditorStatus = {
	helpdeskIdConfigured: boolean;
	problems: string[];
	settingsUrl: string;
};

declare global {
	interface Window {
		// Printed by PHP for the editor and shared with the Ticket Center;
		// unknown on purpose, validated by readEditorStatus().
		helpdeskyBlockEditor?: unknown;
	}
}
