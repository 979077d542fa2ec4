/** Types of code-version.mjs (plain JavaScript: the launcher reads it before tsx). */
export declare function hashOfSources(root: string, extra?: readonly string[]): Promise<string>;
export declare function codeVersion(): Promise<string>;
