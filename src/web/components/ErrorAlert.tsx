/** An API error in words: the server's message, and each input problem it named. */
import { Alert, List } from '@mantine/core';
import { ApiError, type Problem } from '../lib/api.ts';

function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.problems)) return [];
  return error.problems as Problem[];
}

export function ErrorAlert({
  error,
  title = 'That did not work',
}: {
  error: unknown;
  title?: string;
}) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const problems = problemsOf(error);
  return (
    <Alert color="red" title={title} role="alert">
      {message}
      {problems.length > 0 && (
        <List size="sm" mt="xs">
          {problems.map((p) => (
            <List.Item key={`${p.path}:${p.message}`}>
              {p.path ? `${p.path}: ` : ''}
              {p.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
