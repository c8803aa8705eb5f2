"""The speed and scale benchmark (`assistant bench`) and what it needs: run.py grows and measures,
results.py holds the numbers, report.py writes them, worker.py is the serving process it times,
synthetic.py the stand-in vectors, chroma_server.py a `chroma run` server, and embeddings.py the
embedding backends side by side (`python -m evals.bench.embeddings`)."""
