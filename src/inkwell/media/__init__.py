"""Media: uploaded images, their resized and WebP variants, and the media library."""
