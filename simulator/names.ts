// Name and job-title pools for seeded people. 160 × 160 name pairs keep emails mostly unique;
// the seeder numbers the rest (jane.doe2@...).

export const FIRST_NAMES = [
	'Aaliyah', 'Aarav', 'Abigail', 'Adam', 'Adebayo', 'Aiko', 'Aisha', 'Alejandro', 'Alex', 'Alice',
	'Amara', 'Amelia', 'Ana', 'Andrei', 'Anika', 'Anna', 'Arjun', 'Astrid', 'Ava', 'Beatriz',
	'Ben', 'Bianca', 'Bilal', 'Camila', 'Carlos', 'Caroline', 'Charlotte', 'Chen', 'Chloe', 'Chidi',
	'Claire', 'Daniel', 'Daniela', 'David', 'Dmitri', 'Elena', 'Eli', 'Elif', 'Elijah', 'Ella',
	'Emeka', 'Emil', 'Emily', 'Emma', 'Erik', 'Ethan', 'Eva', 'Fatima', 'Felix', 'Fernando',
	'Finn', 'Freya', 'Gabriel', 'Giulia', 'Grace', 'Hana', 'Hannah', 'Harper', 'Hassan', 'Henry',
	'Hiroshi', 'Ibrahim', 'Ines', 'Ingrid', 'Isaac', 'Isabel', 'Ivan', 'Jack', 'Jakob', 'James',
	'Jana', 'Javier', 'Jia', 'Jonas', 'Jorge', 'Julia', 'Kai', 'Kamala', 'Karim', 'Kate',
	'Kenji', 'Kofi', 'Lars', 'Laura', 'Layla', 'Leah', 'Leon', 'Liam', 'Lina', 'Lucas',
	'Lucia', 'Luis', 'Maria', 'Mariam', 'Mateo', 'Matteo', 'Maya', 'Mei', 'Mia', 'Miguel',
	'Mohammed', 'Nadia', 'Naomi', 'Nia', 'Nikhil', 'Noah', 'Nora', 'Olga', 'Oliver', 'Olivia',
	'Omar', 'Oscar', 'Paula', 'Pedro', 'Pia', 'Priya', 'Rafael', 'Rahul', 'Ravi', 'Rebecca',
	'Rin', 'Rosa', 'Ruth', 'Ryan', 'Sakura', 'Samuel', 'Sara', 'Sebastian', 'Shreya', 'Sofia',
	'Sophie', 'Stefan', 'Sven', 'Tariq', 'Thomas', 'Tomas', 'Uma', 'Valentina', 'Victor', 'Wei',
	'William', 'Xin', 'Yara', 'Yusuf', 'Yuki', 'Zainab', 'Zara', 'Zoe', 'Zofia', 'Kwame',
	'Lena', 'Malik', 'Nina', 'Owen', 'Quinn', 'Rhea', 'Silas', 'Tess', 'Vera', 'Wanjiru',
];

export const LAST_NAMES = [
	'Abbott', 'Adeyemi', 'Agarwal', 'Ahmed', 'Alvarez', 'Andersson', 'Bakker', 'Banerjee', 'Barros', 'Becker',
	'Bennett', 'Bianchi', 'Brown', 'Campbell', 'Carter', 'Castillo', 'Chatterjee', 'Chen', 'Clarke', 'Costa',
	'Cruz', 'Dang', 'Das', 'Davies', 'Dubois', 'Dvorak', 'Eriksen', 'Evans', 'Fernandes', 'Fischer',
	'Fitzgerald', 'Fontaine', 'Garcia', 'Gonzalez', 'Green', 'Gupta', 'Haddad', 'Hansen', 'Hartmann', 'Hayes',
	'Hernandez', 'Hoang', 'Hughes', 'Ibrahim', 'Ito', 'Jansen', 'Jensen', 'Johansson', 'Johnson', 'Jones',
	'Kaur', 'Kelly', 'Khan', 'Kim', 'Klein', 'Kowalski', 'Kumar', 'Larsen', 'Laurent', 'Lee',
	'Lopez', 'Martin', 'Martinez', 'Mehta', 'Meyer', 'Molina', 'Moreau', 'Morris', 'Murphy', 'Muller',
	'Nakamura', 'Navarro', 'Nguyen', 'Nielsen', 'Novak', 'Nowak', 'Obi', 'Okafor', 'Okonkwo', 'Oliveira',
	'Ortiz', 'Owusu', 'Park', 'Patel', 'Pereira', 'Petrov', 'Phillips', 'Popescu', 'Quinn', 'Rahman',
	'Ramirez', 'Rao', 'Reddy', 'Reyes', 'Richter', 'Rivera', 'Roberts', 'Rodriguez', 'Rossi', 'Russo',
	'Saito', 'Sanchez', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Scott', 'Shah', 'Silva', 'Singh',
	'Smith', 'Sokolov', 'Suzuki', 'Svensson', 'Takahashi', 'Tanaka', 'Taylor', 'Thomas', 'Torres', 'Tran',
	'Turner', 'Van Dijk', 'Varga', 'Vasquez', 'Vogel', 'Wagner', 'Walker', 'Wang', 'Watanabe', 'Weber',
	'White', 'Williams', 'Wilson', 'Wong', 'Wood', 'Wright', 'Wu', 'Yamamoto', 'Yang', 'Yilmaz',
	'Young', 'Zhang', 'Zhao', 'Zielinski', "O'Brien", 'Mensah', 'Lindqvist', 'Haugen', 'Kovacs', 'Demir',
	'Castro', 'Farouk', 'Gallagher', 'Ivanova', 'Jovanovic', 'Kruger', 'Mwangi', 'Pham', 'Sorensen', 'Varela',
];

/** Job titles by department name. */
export const JOB_TITLES: Record<string, string[]> = {
	Engineering: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'QA Engineer', 'Site Reliability Engineer'],
	Sales: ['Account Executive', 'Sales Development Representative', 'Sales Manager', 'Solutions Consultant'],
	'Human Resources': ['HR Business Partner', 'Recruiter', 'People Operations Specialist', 'HR Director'],
	Finance: ['Accountant', 'Financial Analyst', 'Controller', 'Payroll Specialist'],
	IT: ['Service Desk Analyst', 'Systems Administrator', 'Network Engineer', 'IT Manager'],
	Marketing: ['Marketing Manager', 'Content Strategist', 'Product Marketing Manager', 'Designer'],
};

export const SEED_TIME_ZONES = ['London', 'Eastern Time (US & Canada)', 'Berlin', 'Chennai', 'Pacific Time (US & Canada)'];
