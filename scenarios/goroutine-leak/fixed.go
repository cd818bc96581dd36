// Hedged lookups: ask every replica for the same user record and use
// whichever answer arrives first. All replicas hold the same data.
package main

import "fmt"

var replicas = []string{"db-a", "db-b", "db-c"}

var users = map[int]string{1: "Ada", 2: "Grace", 3: "Linus"}

// query stands in for a network call to one replica.
func query(replica string, id int) string {
	return fmt.Sprintf("user %d: %s (%d replicas)", id, users[id], len(replicas))
}

func fetchUser(id int) string {
	answers := make(chan string, len(replicas))
	for _, r := range replicas {
		go func(replica string) {
			answers <- query(replica, id)
		}(r)
	}
	return <-answers // the first answer wins
}

func main() {
	for id := 1; id <= 3; id++ {
		fmt.Println(fetchUser(id))
	}
	fmt.Println("served 3 lookups")
}
