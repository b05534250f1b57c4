//! Entry point of the archive worker bundle (loaded as a dedicated Web Worker).

fn main() {
    keepsake::worker::start();
}
