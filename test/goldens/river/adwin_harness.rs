// Harness appended to River's rust_src/adwin.rs by gen_river.py (RIVER_ADWIN_RS=…): reads
// "delta clock" then one value per line from stdin, runs the core wrapped as river/drift/adwin.py
// does (a fresh AdaptiveWindowing on the update after a drift) and prints the detection indices.
use std::io::Read;

fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).unwrap();
    let mut it = s.split_whitespace();
    let delta: f64 = it.next().unwrap().parse().unwrap();
    let clock: i32 = it.next().unwrap().parse().unwrap();
    let mut aw = AdaptiveWindowing::new(delta, clock, 5, 5, 10);
    let mut drifted = false;
    let mut i = 0usize;
    for tok in it {
        let x: f64 = tok.parse().unwrap();
        if drifted {
            aw = AdaptiveWindowing::new(delta, clock, 5, 5, 10);
        }
        drifted = aw.update(x);
        if drifted {
            println!("{}", i);
        }
        i += 1;
    }
}
