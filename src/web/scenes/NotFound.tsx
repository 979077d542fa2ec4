/** Any path the page does not know. */
import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export default function NotFound() {
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Title order={1}>Page not found</Title>
        <Text>There is no page at this address.</Text>
        <Button component={Link} to="/" w="fit-content">
          Go to your dashboard
        </Button>
      </Stack>
    </Container>
  );
}
