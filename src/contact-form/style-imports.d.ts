// wp-scripts turns imported stylesheets into build/*/index.css; to the type
// checker they are side-effect-only modules.
declare module '*.scss';
