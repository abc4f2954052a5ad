/** Side-effect CSS imports, handled by rspack. */
declare module '*.css';
