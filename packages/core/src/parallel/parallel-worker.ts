import { parentPort } from 'node:worker_threads'
import { JobRunner } from './job-runner.js'
import type { JobResult, ToWorker } from './parallel-protocol.js'

const port = parentPort
const runner = new JobRunner()

port?.on('message', async (message: ToWorker) => {
  if ('drop' in message) {
    runner.drop(message.drop)
    return
  }
  const { job } = message
  try {
    const result = runner.run(await runner.adapter(job.setup.adapter), job)
    port.postMessage(result, [result.batch.events.buffer as ArrayBuffer])
  } catch (error) {
    port.postMessage({
      id: job.id,
      failure: error instanceof Error ? error.message : String(error),
    } satisfies Partial<JobResult>)
  }
})
