import { useState } from "react";
import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import "@mantine/dropzone/styles.css";
import { api, ApiError, type ImportReport } from "../../lib/api";
import { newClientId } from "../../lib/ids";
import { useSession } from "../auth";
import { importProgress, useImportJob } from "./useImportJob";

const STATUS_COLOR: Record<string, string> = { created: "green", updated: "blue", unchanged: "gray", error: "red" };

/** Drop a CSV, dry run it, then import it with live progress and a link to its failed rows. */
export default function ImportPage() {
  const session = useSession();
  const shopId = session.shopId!;
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [busy, setBusy] = useState<"dry" | "import" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useImportJob(shopId, importId);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? "dry" : "import");
    setError(null);
    setReport(null);
    const id = dryRun ? undefined : newClientId("web-");
    if (id) setImportId(id);
    try {
      setReport(await api.importCsv(shopId, file, { dryRun, importId: id }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const downloadErrors = async () => {
    if (!report?.import_id) return;
    try {
      const blob = await api.importErrorsCsv(shopId, report.import_id);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `import-${report.import_id}-errors.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const progress = importProgress(job);
  return (
    <Stack component="main">
      <Title order={1} size="h2">
        Import products from CSV
      </Title>
      <Text size="sm" c="dimmed">
        Columns: name, sku, category, quantity, unit_price (rupees); optional low_stock_threshold, mrp, unit, barcode. Rows are matched by SKU;
        importing the same file again changes nothing.
      </Text>
      <Dropzone
        onDrop={(files) => {
          setFile(files[0] ?? null);
          setReport(null);
          setImportId(null);
        }}
        onReject={() => setError("Only one .csv file, at most 10 MB.")}
        maxFiles={1}
        maxSize={10 * 1024 * 1024}
        accept={{ "text/csv": [".csv"], "text/plain": [".csv", ".txt"], "application/vnd.ms-excel": [".csv"] }}
        aria-label="CSV file: drop it here or press to choose"
      >
        <Stack align="center" gap={4} mih={100} justify="center" style={{ pointerEvents: "none" }}>
          <Text fw={600}>{file ? file.name : "Drop a CSV file here, or click to choose one"}</Text>
          <Text size="sm" c="dimmed">
            {file ? `${(file.size / 1024).toFixed(1)} kB` : "UTF-8, comma, semicolon or tab separated, up to 50,000 rows"}
          </Text>
        </Stack>
      </Dropzone>
      <Group>
        <Button variant="default" disabled={!file || busy !== null} loading={busy === "dry"} onClick={() => run(true)}>
          Dry run (check only)
        </Button>
        <Button disabled={!file || busy !== null} loading={busy === "import"} onClick={() => run(false)}>
          Import
        </Button>
      </Group>
      {error && (
        <Alert color="red" title="Import refused" role="alert">
          {error}
        </Alert>
      )}
      {importId && (
        <Card withBorder data-testid="import-progress">
          <Group justify="space-between" mb={6}>
            <Text fw={600}>Import {job?.status ?? "starting"}</Text>
            <Text size="sm">
              {job ? `${job.written} written · ${job.unchanged} unchanged · ${job.errors} errors of ${job.rows_read} rows` : "waiting for the server…"}
            </Text>
          </Group>
          <Progress value={progress} aria-label="Import progress" animated={job?.status !== "completed"} />
          {job?.failure && <Text c="red.8">{job.failure}</Text>}
        </Card>
      )}
      {report && <ReportView report={report} onDownloadErrors={downloadErrors} />}
    </Stack>
  );
}

function ReportView({ report, onDownloadErrors }: { report: ImportReport; onDownloadErrors(): void }) {
  const rows = report.results ?? [];
  return (
    <Card withBorder data-testid="import-report">
      <Title order={2} size="h4" mb="xs">
        {report.dry_run ? "Dry run: nothing was written" : "Import finished"}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} mb="sm">
        <Count label="Rows" value={report.processed_rows} />
        <Count label={report.dry_run ? "Would create" : "Created"} value={report.successful_creates} />
        <Count label={report.dry_run ? "Would update" : "Updated"} value={report.successful_updates} />
        <Count label="Unchanged" value={report.unchanged} />
        <Count label="Errors" value={report.errors.length} />
      </SimpleGrid>
      {report.ignored_columns.length > 0 && <Text size="sm">Ignored columns: {report.ignored_columns.join(", ")}</Text>}
      {!report.dry_run && report.errors.length > 0 && report.import_id && (
        <Button variant="light" color="red" onClick={onDownloadErrors} mb="sm">
          Download the failed rows (errors.csv)
        </Button>
      )}
      <Table striped withTableBorder aria-label="Rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Line</Table.Th>
            <Table.Th scope="col">SKU</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
            <Table.Th scope="col">Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, 500).map((r) => (
            <Table.Tr key={r.row_number}>
              <Table.Td>{r.row_number}</Table.Td>
              <Table.Td>{r.sku ?? "—"}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[r.status]} variant="light">
                  {r.status}
                </Badge>
              </Table.Td>
              <Table.Td>{r.details ?? r.changes?.join(", ") ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > 500 && <Text size="sm">First 500 of {rows.length} rows shown.</Text>}
    </Card>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value.toLocaleString("en-IN")}
      </Text>
    </div>
  );
}
