/**
 * Import exports: drop one or more files (Stripe, PayPal, Square, Toggl, Clockify,
 * Harvest, .ics, a bundle), see what they would bring in — format, counts, unassigned
 * rows, problems by line — then import them all or nothing.
 */
import '@mantine/dropzone/styles.css';
import {
  Alert,
  Button,
  CloseButton,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCommitImport, usePreviewImport } from '../../hooks/imports.ts';
import { useCanEdit } from '../../hooks/practice.ts';
import { FileReportCard } from './FileReportCard.tsx';

const fileKey = (f: File) => `${f.name}:${f.size}:${f.lastModified}`;

/** The files without repeats (the same file dropped twice). */
function unique(files: File[]): File[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(fileKey(f)) && seen.add(fileKey(f)) !== undefined);
}

export default function ImportScene() {
  const canEdit = useCanEdit();
  const [files, setFiles] = useState<File[]>([]);
  const [timezone, setTimezone] = useState('');
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const options = { timezone: timezone.trim() || undefined };
  const choose = (next: File[]) => {
    setFiles(next);
    commit.reset();
    if (next.length > 0) preview.mutate({ files: next, options });
    else preview.reset();
  };
  const done = commit.data;
  const shown = done ?? preview.data;
  const unassigned = shown?.files.reduce((n, f) => n + f.unassigned, 0) ?? 0;
  if (!canEdit) {
    return (
      <Stack>
        <Title order={1} size="h2">
          Import
        </Title>
        <Text>As an advisor you can read this practice but not import into it.</Text>
      </Stack>
    );
  }
  return (
    <Stack maw={1100}>
      <Title order={1} size="h2">
        Import
      </Title>
      <Dropzone
        onDrop={(dropped) => choose(unique([...files, ...dropped]))}
        multiple
        maxSize={50 * 1024 * 1024}
        aria-label="Drop export files here, or press to choose them"
        name="files"
        inputProps={{ 'aria-label': 'Export files to import' }}
      >
        <Stack align="center" gap={4} py="lg" style={{ pointerEvents: 'none' }}>
          <Text fw={700} size="lg">
            Drop export files here, or click to choose
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            Payments from Stripe, PayPal or Square; time from Toggl, Clockify, Harvest or a calendar
            (.ics); a Fulcrum bundle (.json). Several at once; nothing is written until you import.
          </Text>
        </Stack>
      </Dropzone>
      {files.length > 0 && (
        <List spacing={2} size="sm" aria-label="Chosen files">
          {files.map((f) => (
            <List.Item key={fileKey(f)}>
              <Group gap={4}>
                {f.name} ({Math.ceil(f.size / 1024).toLocaleString('en-US')} KB)
                <CloseButton
                  size="sm"
                  aria-label={`Remove ${f.name}`}
                  onClick={() => choose(files.filter((g) => g !== f))}
                />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Group align="flex-end">
        <TextInput
          label="Time zone of the exports (optional)"
          description="For trackers that write local times without a zone; blank: the practice's."
          placeholder="Europe/Berlin"
          value={timezone}
          onChange={(e) => setTimezone(e.currentTarget.value)}
          w={320}
        />
        {files.length > 0 && (
          <Button
            variant="default"
            onClick={() => preview.mutate({ files, options })}
            loading={preview.isPending}
          >
            Preview again
          </Button>
        )}
      </Group>
      <ErrorAlert error={preview.error} title="These files cannot be imported" />
      <ErrorAlert error={commit.error} title="The import failed; nothing was written" />
      {preview.isPending && <Text role="status">Reading the files…</Text>}
      {shown && (
        <Stack gap="sm">
          <Title order={2} size="h4">
            {done ? 'Imported' : 'Preview: what would be imported'}
          </Title>
          {shown.files.map((f) => (
            <FileReportCard key={f.file} report={f} preview={!done} />
          ))}
        </Stack>
      )}
      {preview.data && !done && (
        <Group>
          <Button
            size="md"
            loading={commit.isPending}
            onClick={() => commit.mutate({ token: preview.data.uploadToken, files, options })}
          >
            Import {files.length === 1 ? 'this file' : `these ${files.length} files`}
          </Button>
          <Button variant="default" onClick={() => choose([])}>
            Start over
          </Button>
        </Group>
      )}
      {done && (
        <Alert color="teal" title="Imported" role="status">
          <Stack gap="xs" align="flex-start">
            <Text>The dashboard now includes these records.</Text>
            <Group>
              <Button component={Link} to="../dashboard" relative="path">
                See the dashboard
              </Button>
              {unassigned > 0 && (
                <Button component={Link} to="../inbox" relative="path" variant="default">
                  Assign {unassigned.toLocaleString('en-US')} waiting rows
                </Button>
              )}
              <Button variant="subtle" onClick={() => choose([])}>
                Import more
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
