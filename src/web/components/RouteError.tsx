/** What a route shows when it fails to load or render. */
import { Alert, Button, Container, Stack } from '@mantine/core';
import { useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : 'This page could not be shown.';
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Alert color="red" title="Something went wrong">
          {message}
        </Alert>
        <Button component="a" href="/" variant="default" w="fit-content">
          Back to the start
        </Button>
      </Stack>
    </Container>
  );
}
