// Passwords: argon2id with OWASP's minimum settings (19 MiB, 2 passes, 1 lane) and the
// NIST SP 800-63B policy: a length floor, a generous ceiling, no composition rules, and a
// refusal of passwords that attackers try first.
import { hash, verify } from '@node-rs/argon2';
import { m } from '$lib/paraglide/messages';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// @node-rs/argon2 uses argon2id by default; the test on the hash prefix keeps it so.
const HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

export function hashPassword(password: string): Promise<string> {
	return hash(password, HASH_OPTIONS);
}

export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash is a failed match, not a server error.
		return false;
	}
}

/** Returns what is wrong with a new password, or undefined when it may be used. */
export function checkPassword(password: string): PasswordProblem | undefined {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'common';
	return undefined;
}

/** The message for a refused password, in the reader's language. */
export function describePasswordProblem(problem: PasswordProblem): string {
	switch (problem) {
		case 'too_short':
			return m.auth_password_too_short({ min: PASSWORD_MIN });
		case 'too_long':
			return m.auth_password_too_long({ max: PASSWORD_MAX });
		case 'common':
			return m.auth_password_common();
	}
}

// A selection of the passwords of at least eight characters that head public lists of
// passwords seen in breaches, plus Indonesian favourites and names tied to this site. Shorter
// ones are already refused by the length rule.
const COMMON_PASSWORDS = new Set(
	`
12345678 123456789 1234567890 12345678910 123123123 123321123 1234512345 0123456789 987654321
9876543210 0987654321 11111111 111111111 1111111111 00000000 000000000 0000000000 22222222
33333333 44444444 55555555 66666666 77777777 88888888 99999999 12121212 11223344 12344321
87654321 11112222 12341234 123456123 123654789 147258369 741852963 159753123 147852369 951753852
123qweasd qwertyuiop qwertyui qwerty123 qwerty12 qwerty1234 qwertyuiop123 1qaz2wsx 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y zaq12wsx zaq1zaq1 zxcvbnm123 asdfghjkl asdfasdf asdf1234 qazwsxedc
qweasdzxc 1qazxsw2 !qaz2wsx q1w2e3r4 q1w2e3r4t5 a1b2c3d4 abcd1234 abc12345 abcdefgh abcdefg1
password password1 password12 password123 password1234 p@ssw0rd p@ssword passw0rd pa$$word
password! password01 passwords passpass mypassword newpassword yourpassword thepassword
secret123 letmein1 letmein123 welcome1 welcome123 welcome01 iloveyou iloveyou1 iloveyou2
iloveyou123 sunshine sunshine1 princess princess1 football football1 baseball baseball1
basketball superman superman1 batman123 spiderman starwars starwars1 trustno1 michelle
jennifer jordan23 charlie1 michael1 jessica1 ashley123 danielle nicholas elizabeth computer
computer1 internet whatever whatever1 dragon123 monkey123 master123 shadow123 freedom1 corvette
mercedes mustang1 ferrari1 chelsea1 liverpool liverpool1 arsenal1 manchester barcelona
juventus chocolate chocolate1 butterfly cookie123 pokemon1 minecraft minecraft1 fortnite
playstation playstation2 xbox360 nintendo blink182 slipknot metallica nirvana1 eminem123
hello123 helloworld hello1234 goodluck godbless jesus123 jesuschrist blessed1 trinity1
admin123 admin1234 administrator adminadmin rootroot root1234 changeme changeme1 default1
test1234 testtest testing1 testing123 guest123 user1234 login123 access14 master12 pass1234
pass12345 12345qwert 123456qwerty 123456789a 123456789q a123456789 1234567a 1234567q
abc123456 aa123456 aa12345678 qq123456 q12345678 asd12345 zxc12345 qwe12345 qwe123456
aaaaaaaa abcabcabc qwertyqwerty 1234qwer qwer1234 asdfghjk zxcvbnma 123abc123 password2
summer2020 summer2021 summer2022 summer2023 summer2024 summer2025 winter2024 spring2024
autumn2024 january1 february march123 december november october1 september august12
monday123 sunday123 friday13 1234abcd 1234567890a 11111111a 88888888a 666666666 7777777a
loveyou1 lovelove loveme123 iloveu123 imissyou forever1 together babygirl babygirl1 sweetheart
sweetie1 angel123 angelina beautiful pretty123 lovely123 darling1 honey123 kisskiss
bismillah bismillah1 alhamdulillah assalamualaikum subhanallah allahuakbar indonesia
indonesia1 indonesia45 merdeka45 merdeka1945 garuda123 jakarta1 jakarta123 palembang
sumsel123 surabaya bandung123 sayangku sayang123 sayangkamu cintaku cintaku1 cinta123
aku12345 akusayangkamu rahasia rahasia1 rahasia123 kucing123 anjing123 doraemon doraemon1
sembarang bebas123 katasandi katasandi1 kata_sandi sandi123 masuk123 masuksaja desa1234
agrowisata agrowisata1 agrowisata123 agrowisatapali pali1234 pali12345 nanas123 pemda123
dinas123 dinaspariwisata pariwisata pariwisata1 wisata123 pokdarwis pokdarwis1 talangbulang
penukal abablematang penukalabablematangilir
`
		.trim()
		.split(/\s+/)
);
