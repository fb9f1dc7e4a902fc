// n8n-core logs every node error through its own logger; tests assert on errors, so keep it quiet.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
process.env.TZ = process.env.TZ ?? 'UTC';
