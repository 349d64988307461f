import type { ContentAlign } from '../shared/layout-panel';

export type { ContentAlign };

/**
 * 'inline' prints the signed embed into the page, which is then never
 * cached; 'cache-proof' prints the same page for everyone (cacheable) and a
 * view script fetches the visitor's signed embed (see view.ts).
 */
export type DeliveryMode = 'inline' | 'cache-proof';

/**
 * What visitors who are not signed in see: the login prompt, Helpdesky's
 * Contact Form, or both (the prompt above the form).
 */
export type LoggedOutShows = 'prompt' | 'form' | 'both';

// A type alias rather than an interface: @wordpress/blocks constrains block
// attributes to Record< string, unknown >, and only type aliases get the
// implicit index signature that constraint needs.
export type Attributes = {
	contentAlign: ContentAlign;
	maxWidth: string;
	loggedOutMessage: string;
	showLoginLink: boolean;
	loggedOutShows: LoggedOutShows;
	deliveryMode: DeliveryMode;
};

/**
 * Configuration status printed by PHP before the editor script, after it has
 * already checked manage_options. Only booleans and translated messages: the
 * secret itself never reaches the browser.
 */
export type EditorStatus = {
	helpdeskIdConfigured: boolean;
	secretConfigured: boolean;
	problems: string[];
	settingsUrl: string;
};

declare global {
	interface Window {
		// Unknown on purpose: it comes from another script and is validated
		// before use, see readEditorStatus().
		helpdeskyBlockEditor?: unknown;
	}
}
