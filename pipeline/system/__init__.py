"""What earmark needs from the operating system: ffmpeg, worker processes, safe file writes."""
