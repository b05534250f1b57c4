//! Entry point of the archive worker bundle (loaded as a dedicated Web Worker).

fn main() {
    keepsake::archive_worker::start();
}
