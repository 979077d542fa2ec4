/** Types of bundle.mjs (plain JavaScript: the launcher loads it before tsx). */
export declare function bundledEntry(options: {
  name: string;
  entry: string;
  splitting?: boolean;
}): Promise<URL>;
