// The SIGKILL tests, in one file so that they run one after the other: each starts a district in
// a child process twice and loads it hard, and two at once (with the other worker's files) starve
// a 2-core CI machine into timeouts that are not what they test.
import './crash/ratings.ts';
import './crash/appeals.ts';
