import '@testing-library/jest-dom';

// jsdom has no layout, hence no ResizeObserver; components such as
// Placeholder measure themselves with it. Nothing is ever resized here, so an
// observer that never reports is faithful enough.
if ( typeof window.ResizeObserver === 'undefined' ) {
	window.ResizeObserver = class implements ResizeObserver {
		observe(): void {}
		unobserve(): void {}
		disconnect(): void {}
	};
}
